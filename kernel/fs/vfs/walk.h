// SPDX-License-Identifier: MIT
// Path resolution, as Linux's namei: "." and "..", repeated slashes, a trailing slash meaning
// "a directory", symbolic links (relative to the link's directory, absolute from the walk's
// root; at most 40 in one walk, else ELOOP), mount crossing in both directions, ".." at the root
// staying there, search permission on every directory walked (EACCES), ENOTDIR through a
// non-directory, ENAMETOOLONG for a component over 255 or a path of 4096 or more, and ENOENT for
// an empty path (AT_EMPTY_PATH is the caller's business). Processes do not exist yet, so the
// caller passes the context explicitly.
#pragma once

#include "fs/vfs/mount.h"

struct WalkContext {
    Path root;                  // the process root ("/" unless chroot)
    Path cwd;                   // where relative paths start: the cwd, or a dirfd's path
    const Credentials& creds;   // fsuid/fsgid and groups are checked
};

// Walk flags.
constexpr unsigned kWalkFollow = 1u << 0;      // follow a symlink in the last component
constexpr unsigned kWalkDirectory = 1u << 1;   // the result must be a directory (O_DIRECTORY)

// Resolves path to what it names. The last component is followed if it is a symlink only with
// kWalkFollow (or a trailing slash).
Result<Path> resolve(const WalkContext& ctx, StringView path, unsigned flags = kWalkFollow);

// "Parent mode", for operations that create, remove or rename the last component: resolves
// everything but the last component, which is returned unresolved. kind tells "." / ".." and
// Root (the path was "/" or "//": no last component); last points into `path`.
enum class LastKind : u8 { Normal, Dot, DotDot, Root };
struct ParentPath {
    Path dir;
    StringView last;
    LastKind kind;
    bool trailing_slash;   // "name/": the operation must concern a directory
};
Result<ParentPath> resolve_parent(const WalkContext& ctx, StringView path);

// As resolve_parent, but shares a symlink budget with a caller that follows links itself
// (open with O_CREAT following a dangling symlink). links_left is decremented per link.
Result<ParentPath> resolve_parent_budget(const WalkContext& ctx, StringView path, unsigned& links_left);
// As resolve, with a shared link budget.
Result<Path> resolve_budget(const WalkContext& ctx, StringView path, unsigned flags, unsigned& links_left);

// The name of p as seen from root ("/a/b"), written at the end of buf; the returned view points
// into buf. ENAMETOOLONG if it does not fit. unreachable: p is not below root (the view is then
// the path from p's mount-tree top). deleted: p's dentry or an ancestor was unhashed.
struct DPathInfo {
    bool unreachable;
    bool deleted;
};
Result<StringView> d_path(const Path& p, const Path& root, char* buf, usize size, DPathInfo* info = nullptr);
