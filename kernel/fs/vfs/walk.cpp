// SPDX-License-Identifier: MIT
// The path walker. Components come from a stack of frames: the caller's path at the bottom and
// one frame per symlink body being followed. A component is the last one when every frame is
// exhausted after it; a trailing slash on it (or on the symlink whose body it ends) asks for a
// directory and makes a final symlink followed.
#include "fs/vfs/walk.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/vfs/path.h"
#include "fs/vfs/permission.h"
#include "mm/kheap.h"

static_assert(kPathMax == PATH_MAX);
static_assert(kNameMax == NAME_MAX);

namespace {

class Walker {
public:
    Walker(const WalkContext& ctx, unsigned& links_left) : m_ctx(ctx), m_links_left(links_left) {}
    ~Walker() {
        while (m_depth) pop();
        if (m_frames != m_inline) kfree(m_frames);
    }
    ARAMID_NOCOPY(Walker);

    Result<void> start(StringView path) {
        TRY(path_check(path));
        m_frames[0] = Frame{nullptr, PathCursor(path), false};
        m_depth = 1;
        cur = path_is_absolute(path) ? m_ctx.root : m_ctx.cwd;
        if (!cur.dentry) return Error(ENOENT);
        return {};
    }

    // Walks to the end, or (parent mode) stops before the last component.
    Result<void> run(unsigned flags, bool parent_mode) {
        for (;;) {
            while (m_depth && m_frames[m_depth - 1].cursor.at_end()) pop();
            if (!m_depth) break;
            Frame& f = m_frames[m_depth - 1];
            StringView comp;
            bool slash;
            f.cursor.next(comp, slash);
            bool is_last = f.cursor.at_end() && lower_frames_done();
            bool trailing = is_last && (slash || lower_frames_trailing());
            TRY(component_check(comp));
            // linux: link_path_walk(): the directory must be one, and searchable, before every
            // component (the last one included).
            if (!cur.inode()->is_dir()) return Error(ENOTDIR);
            TRY(inode_permission(m_ctx.creds, *cur.inode(), kMayExec));

            ComponentKind kind = component_kind(comp);
            if (parent_mode && is_last) {
                last = comp;
                last_kind = kind == ComponentKind::Dot      ? LastKind::Dot
                            : kind == ComponentKind::DotDot ? LastKind::DotDot
                                                            : LastKind::Normal;
                trailing_slash = trailing;
                return {};
            }
            if (kind == ComponentKind::Dot) continue;
            if (kind == ComponentKind::DotDot) {
                step_dotdot();
                continue;
            }
            // (Not TRY inside the initializer: GCC would skip destroying the copied mount
            // reference when the statement expression returns.)
            RefPtr<Dentry> child = TRY(lookup_child(*cur.dentry, comp));
            Path next{cur.mnt, std::move(child)};
            path_cross_mounts(next);
            if (next.inode()->is_symlink() && (!is_last || (flags & kWalkFollow) || trailing)) {
                auto magic = next.inode()->magic_link();
                if (magic.is_error() && magic.error_code() != EINVAL) return magic.error();
                if (magic.is_ok()) {
                    if (m_links_left == 0) return Error(ELOOP);
                    m_links_left--;
                    cur = magic.release_value();
                    if (is_last && (trailing || (flags & kWalkDirectory)) && !cur.inode()->is_dir())
                        return Error(ENOTDIR);
                    continue;
                }
                TRY(push_link(*next.inode(), slash));
                continue;
            }
            cur = std::move(next);
            if (is_last && (trailing || (flags & kWalkDirectory)) && !cur.inode()->is_dir()) return Error(ENOTDIR);
        }
        if (parent_mode) {
            // Only slashes (and followed links that ended in the root): no last component.
            last = StringView("", 0);
            last_kind = LastKind::Root;
            trailing_slash = false;
            return {};
        }
        if ((flags & kWalkDirectory) && !cur.inode()->is_dir()) return Error(ENOTDIR);
        return {};
    }

    Path cur;
    StringView last;
    LastKind last_kind = LastKind::Normal;
    bool trailing_slash = false;

private:
    struct Frame {
        char* buf;            // the symlink body (owned), null for the caller's path
        PathCursor cursor;
        bool link_trailing;   // the symlink being followed from this frame had a slash after it
    };
    static constexpr unsigned kMaxFrames = kMaxSymlinks + 1;
    // Most walks follow no symlink, or a few: those frames live on the stack, and a heap array
    // takes over for deeper nesting (the walk runs on 16 KiB kernel stacks).
    static constexpr unsigned kInlineFrames = 4;

    void pop() {
        m_depth--;
        kfree(m_frames[m_depth].buf);
        m_frames[m_depth].buf = nullptr;
    }
    bool lower_frames_done() const {
        for (unsigned i = 0; i + 1 < m_depth; i++)
            if (!m_frames[i].cursor.at_end()) return false;
        return true;
    }
    bool lower_frames_trailing() const {
        for (unsigned i = 0; i + 1 < m_depth; i++)
            if (m_frames[i].link_trailing) return true;
        return false;
    }

    Result<void> push_link(Inode& link, bool slash_after) {
        if (m_links_left == 0 || m_depth == kMaxFrames) return Error(ELOOP);
        if (m_depth == kInlineFrames && m_frames == m_inline) {
            auto* heap = static_cast<Frame*>(kmalloc(sizeof(Frame) * kMaxFrames));
            if (!heap) return Error(ENOMEM);
            for (unsigned i = 0; i < m_depth; i++) heap[i] = m_inline[i];
            m_frames = heap;
        }
        m_links_left--;
        auto* buf = static_cast<char*>(kmalloc(kPathMax));
        if (!buf) return Error(ENOMEM);
        auto n = link.readlink(buf, kPathMax - 1);
        if (n.is_error() || n.value() == 0) {
            kfree(buf);
            return n.is_error() ? n.error() : Error(ENOENT);
        }
        StringView body(buf, n.value());
        m_frames[m_depth - 1].link_trailing = slash_after;
        m_frames[m_depth] = Frame{buf, PathCursor(body), false};
        m_depth++;
        // Relative bodies continue from the link's directory (cur); absolute ones from the root.
        if (path_is_absolute(body)) cur = m_ctx.root;
        return {};
    }

    // "..": stays at the walk's root, leaves a mount's root for its mountpoint, then goes up.
    void step_dotdot() {
        for (;;) {
            if (cur == m_ctx.root) return;
            if (cur.mnt && cur.dentry.ptr() == cur.mnt->root()) {
                Mount* parent = cur.mnt->parent();
                if (!parent || !cur.mnt->attached()) return;   // the top of the mount tree
                Path up{RefPtr<Mount>(parent), RefPtr<Dentry>(cur.mnt->mountpoint())};
                cur = std::move(up);
                continue;
            }
            RefPtr<Dentry> parent = cur.dentry->parent_ref();
            if (!parent) return;   // the root of an unmounted tree
            cur.dentry = std::move(parent);
            break;
        }
        path_cross_mounts(cur);
    }

    const WalkContext& m_ctx;
    unsigned& m_links_left;
    Frame m_inline[kInlineFrames];
    Frame* m_frames = m_inline;
    unsigned m_depth = 0;
};

}  // namespace

Result<Path> resolve_budget(const WalkContext& ctx, StringView path, unsigned flags, unsigned& links_left) {
    Walker w(ctx, links_left);
    TRY(w.start(path));
    TRY(w.run(flags, false));
    return std::move(w.cur);
}

Result<Path> resolve(const WalkContext& ctx, StringView path, unsigned flags) {
    unsigned links = kMaxSymlinks;
    return resolve_budget(ctx, path, flags, links);
}

Result<ParentPath> resolve_parent_budget(const WalkContext& ctx, StringView path, unsigned& links_left) {
    Walker w(ctx, links_left);
    TRY(w.start(path));
    TRY(w.run(0, true));
    return ParentPath{std::move(w.cur), w.last, w.last_kind, w.trailing_slash};
}

Result<ParentPath> resolve_parent(const WalkContext& ctx, StringView path) {
    unsigned links = kMaxSymlinks;
    return resolve_parent_budget(ctx, path, links);
}

Result<StringView> d_path(const Path& p, const Path& root, char* buf, usize size, DPathInfo* info) {
    if (size == 0) return Error(ENAMETOOLONG);
    usize pos = size - 1;
    buf[pos] = '\0';
    DPathInfo local{false, false};
    Path cur = p;
    char name[kNameMax + 1];
    for (;;) {
        if (cur == root) break;
        if (cur.mnt && cur.dentry.ptr() == cur.mnt->root()) {
            Mount* parent = cur.mnt->parent();
            if (!parent || !cur.mnt->attached()) {
                local.unreachable = !(cur == root);
                break;
            }
            Path up{RefPtr<Mount>(parent), RefPtr<Dentry>(cur.mnt->mountpoint())};
            cur = std::move(up);
            continue;
        }
        RefPtr<Dentry> parent = cur.dentry->parent_ref();
        if (!parent) {
            local.unreachable = true;
            break;
        }
        if (!cur.dentry->is_hashed()) local.deleted = true;
        usize n = cur.dentry->copy_name(name, sizeof(name));
        if (n + 1 > pos) return Error(ENAMETOOLONG);
        pos -= n;
        __builtin_memcpy(buf + pos, name, n);
        buf[--pos] = '/';
        cur.dentry = std::move(parent);
    }
    if (pos == size - 1) {
        if (pos == 0) return Error(ENAMETOOLONG);
        buf[--pos] = '/';
    }
    if (info) *info = local;
    return StringView(buf + pos, size - 1 - pos);
}
