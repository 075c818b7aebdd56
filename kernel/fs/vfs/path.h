// SPDX-License-Identifier: MIT
// The pure part of path resolution: splitting a path into components (repeated slashes collapse,
// a trailing slash is reported), the length limits and the "." / ".." classification. No kernel
// state: host-tested (tests/host/path_test.cpp); walk.cpp drives it over the dentry cache.
#pragma once

#include "lib/result.h"
#include "lib/string_view.h"

constexpr usize kPathMax = 4096;   // PATH_MAX, including the NUL (checked against UAPI in path.cpp)
constexpr usize kNameMax = 255;    // NAME_MAX

enum class ComponentKind : u8 { Normal, Dot, DotDot };

ComponentKind component_kind(StringView c);
inline bool path_is_absolute(StringView p) { return !p.empty() && p[0] == '/'; }

// ENOENT for an empty path (AT_EMPTY_PATH is the caller's business), ENAMETOOLONG when the path
// would not fit PATH_MAX with its NUL.
Result<void> path_check(StringView path);
// ENAMETOOLONG for a component longer than NAME_MAX.
Result<void> component_check(StringView component);
// EINVAL for names a directory entry cannot have ("", ".", "..", or containing '/' or NUL);
// ENAMETOOLONG when too long. File systems call it on names they are given directly.
Result<void> entry_name_check(StringView name);

// Walks the components of a path. Leading and repeated slashes are skipped; after next() the
// cursor already stands on the following component, so at_end() tells whether the component just
// returned was the last one of this path.
class PathCursor {
public:
    constexpr PathCursor() = default;
    explicit PathCursor(StringView path) : m_rest(path) { skip_slashes(); }

    // The next component, and whether a slash followed it. False when there is none.
    bool next(StringView& component, bool& slash_after);
    bool at_end() const { return m_rest.empty(); }
    StringView rest() const { return m_rest; }

private:
    void skip_slashes();
    StringView m_rest;
};

// Splits a path for "parent mode" without touching the file system: the directory part (what
// must be walked; "" means the start directory, "/" the root) and the last component. The last
// component is empty when the path names the root ("/", "//"). trailing_slash: "a/b/".
struct PathSplit {
    StringView dir;
    StringView last;
    bool trailing_slash;
};
PathSplit path_split_last(StringView path);
