// SPDX-License-Identifier: MIT
// The RESOLVE_* pre-walk of openat2 (see fs_resolve.h). linux: fs/namei.c with LOOKUP_NO_XDEV,
// LOOKUP_NO_SYMLINKS, LOOKUP_BENEATH and LOOKUP_IN_ROOT.
#include "syscalls/fs_resolve.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/vfs/path.h"
#include "fs/vfs/permission.h"
#include "mm/kheap.h"

namespace {

// The pending part of the path: the caller's path, then symlink bodies spliced in front of what
// was left. Two buffers, swapped at each splice.
constexpr usize kBufSize = 3 * kPathMax;

class Pending {
public:
    ~Pending() {
        kfree(m_a);
        kfree(m_b);
    }
    Result<void> init(StringView path) {
        m_a = static_cast<char*>(kmalloc(kBufSize));
        m_b = static_cast<char*>(kmalloc(kBufSize));
        if (!m_a || !m_b) return Error(ENOMEM);
        __builtin_memcpy(m_a, path.data(), path.length());
        m_cursor = PathCursor(StringView(m_a, path.length()));
        return {};
    }
    PathCursor& cursor() { return m_cursor; }
    // body + "/" + rest, where rest is what the cursor has not consumed. A trailing slash after
    // the link survives as a trailing slash after the body.
    Result<void> splice(StringView body, bool slash_after) {
        StringView rest = m_cursor.rest();
        usize n = body.length() + 1 + rest.length();
        if (n > kBufSize) return Error(ENAMETOOLONG);
        __builtin_memcpy(m_b, body.data(), body.length());
        usize len = body.length();
        if (slash_after || !rest.empty()) m_b[len++] = '/';
        __builtin_memcpy(m_b + len, rest.data(), rest.length());
        len += rest.length();
        char* t = m_a;
        m_a = m_b;
        m_b = t;
        m_cursor = PathCursor(StringView(m_a, len));
        return {};
    }

private:
    char* m_a = nullptr;
    char* m_b = nullptr;
    PathCursor m_cursor;
};

bool crossed(const Path& before, const Path& after) { return before.mnt != after.mnt; }

}  // namespace

Result<void> resolve_check(const WalkContext& ctx, StringView path, u64 flags, bool follow_last) {
    const bool no_xdev = flags & RESOLVE_NO_XDEV;
    const bool no_symlinks = flags & RESOLVE_NO_SYMLINKS;
    const bool beneath = flags & RESOLVE_BENEATH;
    if (path.empty()) return {};
    if (path_is_absolute(path) && beneath) return Error(EXDEV);
    Pending pending;
    TRY(pending.init(path));
    Path cur = path_is_absolute(path) ? ctx.root : ctx.cwd;
    unsigned links = kMaxSymlinks;
    StringView comp;
    bool slash;
    while (pending.cursor().next(comp, slash)) {
        bool last = pending.cursor().at_end();
        // Whatever the real walk would fail on here, it reports itself.
        if (!cur.inode()->is_dir() || inode_permission(ctx.creds, *cur.inode(), kMayExec).is_error()) return {};
        ComponentKind kind = component_kind(comp);
        if (kind == ComponentKind::Dot) continue;
        if (kind == ComponentKind::DotDot) {
            // linux: follow_dotdot(): the scope root is a floor (EXDEV under BENEATH), a mount
            // root steps out to its mountpoint (EXDEV under NO_XDEV), then one level up.
            bool in_root = cur == ctx.root;
            while (!in_root && cur.mnt && cur.dentry.ptr() == cur.mnt->root()) {
                Mount* parent = cur.mnt->parent();
                if (!parent || !cur.mnt->attached()) {
                    in_root = true;
                    break;
                }
                cur = Path{RefPtr<Mount>(parent), RefPtr<Dentry>(cur.mnt->mountpoint())};
                if (cur == ctx.root) in_root = true;
                else if (no_xdev) return Error(EXDEV);
            }
            if (in_root) {
                if (beneath) return Error(EXDEV);
                continue;
            }
            if (RefPtr<Dentry> parent = cur.dentry->parent_ref()) cur.dentry = std::move(parent);
            Path before = cur;
            path_cross_mounts(cur);
            if (no_xdev && crossed(before, cur)) return Error(EXDEV);
            continue;
        }
        if (component_check(comp).is_error()) return {};
        auto child = lookup_child(*cur.dentry, comp);
        if (child.is_error()) return {};   // ENOENT (or O_CREAT's new name): the real walk's business
        Path next{cur.mnt, child.release_value()};
        Path before = next;
        path_cross_mounts(next);
        if (no_xdev && crossed(before, next)) return Error(EXDEV);
        if (next.inode()->is_symlink() && (!last || follow_last || slash)) {
            if (no_symlinks) return Error(ELOOP);
            if (links == 0) return {};   // ELOOP from the real walk
            links--;
            auto* buf = static_cast<char*>(kmalloc(kPathMax));
            if (!buf) return Error(ENOMEM);
            auto n = next.inode()->readlink(buf, kPathMax - 1);
            if (n.is_error() || n.value() == 0) {
                kfree(buf);
                return {};
            }
            StringView body(buf, n.value());
            if (path_is_absolute(body)) {
                if (beneath) {
                    kfree(buf);
                    return Error(EXDEV);
                }
                if (no_xdev && cur.mnt != ctx.root.mnt) {
                    kfree(buf);
                    return Error(EXDEV);
                }
                cur = ctx.root;
            }
            auto r = pending.splice(body, slash);
            kfree(buf);
            TRY(std::move(r));
            continue;
        }
        cur = std::move(next);
    }
    return {};
}
