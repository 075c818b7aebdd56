// SPDX-License-Identifier: MIT
// The namespace operations: open (with O_CREAT), mkdir, mknod, symlink, link, unlink, rmdir and
// rename. Each follows Linux's fs/namei.c in what it checks and in which order, so the errno a
// program sees is the one Linux gives. Directory mutexes are taken parent before child; rename
// takes the global rename lock, then the two parents (an ancestor first), then the two inodes.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/notify/fsnotify.h"
#include "fs/vfs/late_init.h"
#include "fs/vfs/path.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/vfs_ops.h"
#include "lib/format.h"
#include "mm/kheap.h"

namespace {

LateInit<Mutex> g_rename_lock;

// Inode mutexes released in reverse order at scope end. Each locked inode is also referenced:
// an unlinked victim may lose its last other reference before the unlock.
class LockSet {
public:
    LockSet() = default;
    ARAMID_NOCOPY(LockSet);
    ~LockSet() {
        while (m_count) {
            m_count--;
            m_held[m_count]->lock().unlock();
            m_held[m_count] = nullptr;
        }
    }
    void lock(Inode& inode) {
        VERIFY(m_count < 4);
        inode.lock().lock();
        m_held[m_count++] = RefPtr<Inode>(&inode);
    }

private:
    RefPtr<Inode> m_held[4];
    unsigned m_count = 0;
};

Result<void> mount_writable(const Path& p) {
    if (p.mnt && p.mnt->read_only()) return Error(EROFS);
    return {};
}

// Creates name in dir (dir's mutex held, name absent). mode carries the type.
Result<RefPtr<Dentry>> create_locked(Dentry& dir, StringView name, u32 mode, DevId dev, StringView target,
                                     const Credentials& creds) {
    Inode& d = *dir.inode();
    RefPtr<Inode> inode;
    switch (mode & S_IFMT) {
    case S_IFDIR:
        inode = TRY(d.mkdir(name, mode, creds));
        break;
    case S_IFLNK:
        inode = TRY(d.symlink(name, target, creds));
        break;
    case S_IFREG:
        inode = TRY(d.create(name, mode, creds));
        break;
    default:
        inode = TRY(d.mknod(name, mode, dev, creds));
        break;
    }
    auto child = TRY(d_add(dir, name, std::move(inode)));
    fsnotify_create(d, name, S_ISDIR(mode));
    return child;
}

// The checks on a new name for mkdir/mknod/symlink/link, parent locked (linux:
// filename_create): it must not exist, a trailing slash is only for directories, and the
// mount must be writable, in that order.
Result<void> check_new_name(const ParentPath& pp, Dentry* existing, bool is_dir) {
    if (existing) return Error(EEXIST);
    if (pp.trailing_slash && !is_dir) return Error(ENOENT);   // "you asked for a directory"
    return mount_writable(pp.dir);
}

Result<void> make_node(const WalkContext& ctx, StringView path, u32 mode, DevId dev, StringView target) {
    auto pp = TRY(resolve_parent(ctx, path));
    if (pp.kind != LastKind::Normal) return Error(EEXIST);
    TRY(component_check(pp.last));
    Dentry& dir = *pp.dir.dentry;
    MutexGuard g(dir.inode()->lock());
    auto existing = TRY(lookup_child_locked(dir, pp.last));
    TRY(check_new_name(pp, existing.ptr(), S_ISDIR(mode)));
    TRY(may_create(ctx.creds, *dir.inode()));
    // linux: vfs_mknod(): devices need CAP_MKNOD, except a whiteout (character device 0:0).
    bool whiteout = S_ISCHR(mode) && dev == 0;
    if ((S_ISCHR(mode) || S_ISBLK(mode)) && !whiteout && !ctx.creds.has_cap(CAP_MKNOD)) return Error(EPERM);
    TRY(create_locked(dir, pp.last, mode, dev, target, ctx.creds));
    return {};
}

// Locks the two rename parents: one lock when they are the same, an ancestor before its
// descendant, otherwise by address (renames are serialised by the rename lock, so two of them
// never race for the same pair).
void lock_rename(LockSet& locks, Dentry& p1, Dentry& p2) {
    if (&p1 == &p2) {
        locks.lock(*p1.inode());
        return;
    }
    bool p1_first;
    if (p2.is_descendant_of(p1)) p1_first = true;
    else if (p1.is_descendant_of(p2)) p1_first = false;
    else p1_first = p1.inode() < p2.inode();
    Dentry& a = p1_first ? p1 : p2;
    Dentry& b = p1_first ? p2 : p1;
    locks.lock(*a.inode());
    locks.lock(*b.inode());
}

Result<void> may_delete_typed(const Credentials& creds, Inode& dir, Inode& victim, bool want_dir) {
    TRY(may_delete(creds, dir, victim));
    if (want_dir && !victim.is_dir()) return Error(ENOTDIR);
    if (!want_dir && victim.is_dir()) return Error(EISDIR);
    if (dir.is_dead()) return Error(ENOENT);
    return {};
}

// open(2) on an existing (or just created) path. linux: may_open() and do_open().
Result<RefPtr<File>> open_resolved(const Credentials& creds, const Path& p, u32 flags, bool created) {
    Inode& inode = *p.inode();
    if (flags & O_PATH) return File::open(p, flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    u32 acc = flags & O_ACCMODE;
    int acc_mode = acc == O_RDONLY ? kMayRead : acc == O_WRONLY ? kMayWrite : kMayRead | kMayWrite;
    if (flags & O_TRUNC) acc_mode |= kMayWrite;
    if (inode.is_symlink()) return Error(ELOOP);   // O_NOFOLLOW on a symlink
    if ((flags & O_DIRECTORY) && !inode.is_dir()) return Error(ENOTDIR);
    if (inode.is_dir() && ((acc_mode & kMayWrite) || (flags & O_CREAT))) return Error(EISDIR);
    bool truncate = (flags & O_TRUNC) && inode.is_reg() && !created;
    if (!created) {
        if ((acc_mode & kMayWrite) && (inode.is_reg() || inode.is_dir())) TRY(mount_writable(p));
        if ((S_ISCHR(inode.mode()) || S_ISBLK(inode.mode())) && p.mnt && (p.mnt->flags() & MS_NODEV))
            return Error(EACCES);
        TRY(inode_permission(creds, inode, acc_mode & (kMayRead | kMayWrite)));
        if ((flags & O_NOATIME) && !inode_owner_or_capable(creds, inode)) return Error(EPERM);
    }
    auto file = TRY(File::open(p, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)));
    if (truncate) {
        SetAttr a;
        Timespec now = realtime_now();
        a.mask = SetAttr::kSize | SetAttr::kMtime | SetAttr::kCtime;   // O_TRUNC always touches
        a.size = 0;
        a.mtime = a.ctime = now;
        TRY(vfs_setattr(inode, a, p.dentry.ptr()));
    }
    fsnotify_open(*file);
    return file;
}

// linux: do_tmpfile(): an unnamed file in the directory path names, writable by the caller.
Result<RefPtr<File>> open_tmpfile(const WalkContext& ctx, StringView path, u32 flags, u32 mode) {
    Path dir = TRY(resolve(ctx, path, kWalkFollow | kWalkDirectory));
    Inode& dino = *dir.inode();
    TRY(mount_writable(dir));
    TRY(inode_permission(ctx.creds, dino, kMayWrite | kMayExec));
    RefPtr<Inode> inode;
    {
        MutexGuard g(dino.lock());
        if (dino.is_dead()) return Error(ENOENT);
        inode = TRY(dino.tmpfile(S_IFREG | (mode & 07777), ctx.creds));
    }
    if (!(flags & O_EXCL)) inode->set_linkable(true);
    char name[24];   // linux: d_tmpfile() names it "#<ino>"
    usize n = format(name, sizeof name, "#%llu", static_cast<unsigned long long>(inode->ino()));
    auto d = TRY(d_alloc_unhashed(*dir.dentry, StringView(name, n), std::move(inode)));
    Path p{dir.mnt, std::move(d)};
    return open_resolved(ctx.creds, p, flags & ~(O_TMPFILE | O_EXCL), true);
}

}  // namespace

void vfs_ops_init() { g_rename_lock.init("rename"); }

Result<RefPtr<Dentry>> vfs_create_child(Dentry& dir, StringView name, u32 mode, DevId dev, StringView target,
                                        const Credentials& creds) {
    TRY(entry_name_check(name));
    MutexGuard g(dir.inode()->lock());
    if (dir.inode()->is_dead()) return Error(ENOENT);
    auto existing = TRY(lookup_child_locked(dir, name));
    if (existing) return Error(EEXIST);
    return create_locked(dir, name, mode, dev, target, creds);
}

Result<void> vfs_mkdir(const WalkContext& ctx, StringView path, u32 mode) {
    // linux: vfs_mkdir() keeps only the permission and sticky bits (set-group-ID is inherited).
    return make_node(ctx, path, S_IFDIR | (mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX)), 0, {});
}

Result<u32> vfs_may_mknod(u32 mode) {
    switch (mode & S_IFMT) {
    case 0:
        return mode | S_IFREG;
    case S_IFREG:
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
        return mode;
    case S_IFDIR:
        return Error(EPERM);
    default:
        return Error(EINVAL);
    }
}

Result<void> vfs_mknod(const WalkContext& ctx, StringView path, u32 mode, DevId dev) {
    // linux: may_mknod() (before the path is even looked up).
    mode = TRY(vfs_may_mknod(mode));
    return make_node(ctx, path, mode & (S_IFMT | 07777), dev, {});
}

Result<void> vfs_symlink(StringView target, const WalkContext& ctx, StringView path) {
    if (target.empty()) return Error(ENOENT);
    if (target.length() >= kPathMax) return Error(ENAMETOOLONG);
    return make_node(ctx, path, S_IFLNK | 0777, 0, target);
}

Result<void> vfs_link(const WalkContext& old_ctx, StringView old_path, const WalkContext& new_ctx,
                      StringView new_path, bool follow) {
    Path old = TRY(resolve(old_ctx, old_path, follow ? kWalkFollow : 0));
    auto pp = TRY(resolve_parent(new_ctx, new_path));
    if (pp.kind != LastKind::Normal) return Error(EEXIST);
    TRY(component_check(pp.last));
    Dentry& dir = *pp.dir.dentry;
    Inode& target = *old.inode();
    LockSet locks;
    locks.lock(*dir.inode());
    auto existing = TRY(lookup_child_locked(dir, pp.last));
    TRY(check_new_name(pp, existing.ptr(), false));
    if (old.mnt != pp.dir.mnt) return Error(EXDEV);
    TRY(may_create(new_ctx.creds, *dir.inode()));
    if (&target.sb() != &dir.sb()) return Error(EXDEV);
    if (target.is_dir()) return Error(EPERM);
    locks.lock(target);
    if (target.nlink() == 0 && !target.linkable()) return Error(ENOENT);   // unlinked while open: no resurrection
    TRY(dir.inode()->link(pp.last, target));
    target.set_linkable(false);
    TRY(d_add(dir, pp.last, RefPtr<Inode>(&target)));
    // linux: fsnotify_link(): the count on the target, then the name in the directory.
    fsnotify_link_count(target);
    fsnotify_create(*dir.inode(), pp.last, false);
    return {};
}

Result<void> vfs_unlink(const WalkContext& ctx, StringView path) {
    auto pp = TRY(resolve_parent(ctx, path));
    if (pp.kind != LastKind::Normal) return Error(EISDIR);
    TRY(mount_writable(pp.dir));
    Dentry& dir = *pp.dir.dentry;
    LockSet locks;
    locks.lock(*dir.inode());
    auto child = TRY(lookup_child_locked(dir, pp.last));
    if (!child) return Error(ENOENT);
    Inode& victim = *child->inode();
    if (pp.trailing_slash) return Error(victim.is_dir() ? EISDIR : ENOTDIR);
    TRY(may_delete_typed(ctx.creds, *dir.inode(), victim, false));
    if (child->is_mountpoint()) return Error(EBUSY);
    locks.lock(victim);
    TRY(dir.inode()->unlink(pp.last, victim));
    d_delete(*child);
    // linux: vfs_unlink(): the count, the victim's own watches if that was its last name, then
    // the directory's.
    fsnotify_link_count(victim);
    fsnotify_dentry_dropping(*child);
    fsnotify_delete(*dir.inode(), pp.last, false);
    return {};
}

Result<void> vfs_rmdir(const WalkContext& ctx, StringView path) {
    auto pp = TRY(resolve_parent(ctx, path));
    switch (pp.kind) {
    case LastKind::Dot:
        return Error(EINVAL);
    case LastKind::DotDot:
        return Error(ENOTEMPTY);
    case LastKind::Root:
        return Error(EBUSY);
    case LastKind::Normal:
        break;
    }
    TRY(mount_writable(pp.dir));
    Dentry& dir = *pp.dir.dentry;
    LockSet locks;
    locks.lock(*dir.inode());
    auto child = TRY(lookup_child_locked(dir, pp.last));
    if (!child) return Error(ENOENT);
    Inode& victim = *child->inode();
    TRY(may_delete_typed(ctx.creds, *dir.inode(), victim, true));
    if (child->is_mountpoint()) return Error(EBUSY);
    locks.lock(victim);
    TRY(dir.inode()->rmdir(pp.last, victim));
    d_delete(*child);
    fsnotify_dentry_dropping(*child);
    fsnotify_delete(*dir.inode(), pp.last, true);
    return {};
}

Result<void> vfs_rename(const WalkContext& old_ctx, StringView old_path, const WalkContext& new_ctx,
                        StringView new_path, unsigned flags) {
    // linux: fs/namei.c do_renameat2() and vfs_rename().
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return Error(EINVAL);
    if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE)) return Error(EINVAL);
    if (flags & RENAME_WHITEOUT) return Error(EINVAL);   // overlayfs support: not implemented
    bool exchange = flags & RENAME_EXCHANGE;

    auto op = TRY(resolve_parent(old_ctx, old_path));
    auto np = TRY(resolve_parent(new_ctx, new_path));
    if (op.dir.mnt != np.dir.mnt) return Error(EXDEV);
    if (op.kind != LastKind::Normal) return Error(EBUSY);
    if (np.kind != LastKind::Normal) return Error((flags & RENAME_NOREPLACE) ? EEXIST : EBUSY);
    TRY(component_check(op.last));
    TRY(component_check(np.last));
    TRY(mount_writable(op.dir));

    Dentry& p1 = *op.dir.dentry;
    Dentry& p2 = *np.dir.dentry;
    MutexGuard rename_guard(*g_rename_lock);
    LockSet locks;
    lock_rename(locks, p1, p2);

    auto src = TRY(lookup_child_locked(p1, op.last));
    if (!src) return Error(ENOENT);
    auto dst = TRY(lookup_child_locked(p2, np.last));
    if (exchange) {
        if (!dst) return Error(ENOENT);
        if (!dst->is_dir() && np.trailing_slash) return Error(ENOTDIR);
    } else if (dst && (flags & RENAME_NOREPLACE)) {
        return Error(EEXIST);
    }
    if (!src->is_dir()) {
        if (op.trailing_slash) return Error(ENOTDIR);
        if (!exchange && np.trailing_slash) return Error(ENOTDIR);
    }
    // A directory cannot move below itself; the target cannot be an ancestor of the source.
    if (p2.is_descendant_of(*src)) return Error(EINVAL);
    if (dst && p1.is_descendant_of(*dst)) return Error(exchange ? EINVAL : ENOTEMPTY);

    Inode& source = *src->inode();
    Inode* target = dst ? dst->inode() : nullptr;
    if (target == &source) return {};   // two names of one file: nothing to do
    bool src_dir = source.is_dir();
    bool dst_dir = target && target->is_dir();
    const Credentials& creds = old_ctx.creds;
    TRY(may_delete_typed(creds, *p1.inode(), source, src_dir));
    if (!target) TRY(may_create(creds, *p2.inode()));
    else TRY(may_delete_typed(creds, *p2.inode(), *target, exchange ? dst_dir : src_dir));
    if (&p1 != &p2) {
        // Moving a directory rewrites its "..": write permission on it is needed.
        if (src_dir) TRY(inode_permission(creds, source, kMayWrite));
        if (exchange && dst_dir) TRY(inode_permission(creds, *target, kMayWrite));
    }
    if (src->is_mountpoint() || (dst && dst->is_mountpoint())) return Error(EBUSY);

    // Prepared before the file system commits, so nothing can fail after it.
    Result<DentryName> new_name = exchange ? Result<DentryName>(Error(EAGAIN)) : DentryName::make(np.last);
    if (!exchange && new_name.is_error()) return new_name.error();

    Inode* a = &source;
    Inode* b = target;
    if (b && b < a) {
        Inode* t = a;
        a = b;
        b = t;
    }
    locks.lock(*a);
    if (b) locks.lock(*b);
    TRY(p1.inode()->rename(op.last, *p2.inode(), np.last, flags & (RENAME_NOREPLACE | RENAME_EXCHANGE)));
    if (exchange) {
        d_exchange(*src, *dst);
    } else {
        if (dst) d_delete(*dst);
        d_move(*src, p2, new_name.release_value());
    }
    // linux: vfs_rename() → fsnotify_move(), once per moved inode.
    fsnotify_move(*p1.inode(), op.last, *p2.inode(), np.last, source, exchange ? nullptr : target);
    if (exchange) fsnotify_move(*p2.inode(), np.last, *p1.inode(), op.last, *target, nullptr);
    else if (dst) fsnotify_dentry_dropping(*dst);
    return {};
}

Result<RefPtr<File>> vfs_open_path(const Credentials& creds, const Path& path, u32 flags) {
    return open_resolved(creds, path, flags & ~(O_CREAT | O_EXCL), false);
}

Result<RefPtr<File>> vfs_open(const WalkContext& ctx, StringView path, u32 flags, u32 mode) {
    if (flags & __O_TMPFILE) {
        // linux: build_open_flags(): O_TMPFILE needs O_DIRECTORY and write access.
        u32 acc = flags & O_ACCMODE;
        if ((flags & O_TMPFILE) != O_TMPFILE || (flags & O_CREAT) || acc == O_RDONLY) return Error(EINVAL);
        return open_tmpfile(ctx, path, flags, mode);
    }
    if (flags & O_PATH) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    // LINUX-DIVERGENCE: since 6.4 Linux rejects O_CREAT|O_DIRECTORY with EINVAL; 6.1 (the
    // Debian oracle) created a file and then failed with ENOTDIR. Aramid follows 6.4+.
    if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY)) return Error(EINVAL);

    if (!(flags & O_CREAT)) {
        unsigned wf = (flags & O_NOFOLLOW) ? 0 : kWalkFollow;
        if (flags & O_DIRECTORY) wf |= kWalkDirectory;
        Path p = TRY(resolve(ctx, path, wf));
        return open_resolved(ctx.creds, p, flags, false);
    }

    // O_CREAT: walk to the parent, create or open the last component, and follow a symlink
    // there (unless O_EXCL or O_NOFOLLOW) by walking its body the same way: open("dangling",
    // O_CREAT) creates the link's target, as on Linux.
    unsigned links = kMaxSymlinks;
    auto pp = TRY(resolve_parent_budget(ctx, path, links));
    char* body = nullptr;   // the symlink body pp.last points into, when following one
    struct Free {
        char*& p;
        ~Free() { kfree(p); }
    } free_body{body};
    for (;;) {
        if (pp.kind != LastKind::Normal || pp.trailing_slash) return Error(EISDIR);
        TRY(component_check(pp.last));
        Dentry& dir = *pp.dir.dentry;
        RefPtr<Dentry> child;
        bool created = false;
        {
            MutexGuard g(dir.inode()->lock());
            child = TRY(lookup_child_locked(dir, pp.last));
            if (!child) {
                TRY(mount_writable(pp.dir));
                TRY(may_create(ctx.creds, *dir.inode()));
                child = TRY(create_locked(dir, pp.last, S_IFREG | (mode & 07777), 0, {}, ctx.creds));
                created = true;
            }
        }
        if (created) {
            // Opened after the directory is unlocked (an open hook may sleep).
            Path p{pp.dir.mnt, std::move(child)};
            return open_resolved(ctx.creds, p, flags, true);
        }
        if (flags & O_EXCL) return Error(EEXIST);
        Path p{pp.dir.mnt, std::move(child)};
        path_cross_mounts(p);
        if (!p.inode()->is_symlink() || (flags & O_NOFOLLOW)) return open_resolved(ctx.creds, p, flags, false);
        if (links == 0) return Error(ELOOP);
        links--;
        auto* buf = static_cast<char*>(kmalloc(kPathMax));
        if (!buf) return Error(ENOMEM);
        auto n = p.inode()->readlink(buf, kPathMax - 1);
        if (n.is_error() || n.value() == 0) {
            kfree(buf);
            return n.is_error() ? n.error() : Error(ENOENT);
        }
        WalkContext link_ctx{ctx.root, pp.dir, ctx.creds};
        auto next = resolve_parent_budget(link_ctx, StringView(buf, n.value()), links);
        kfree(body);
        body = buf;
        if (next.is_error()) return next.error();
        pp = next.release_value();
    }
}
