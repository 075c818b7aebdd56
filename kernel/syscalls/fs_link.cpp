// SPDX-License-Identifier: MIT
// Names: link, linkat, unlink, unlinkat, rename, renameat, renameat2, symlink, symlinkat,
// readlink, readlinkat. linux: fs/namei.c, fs/stat.c (readlinkat). Linux copies both names up
// front but reports a bad second name only after the first path was looked up, so the handlers
// look the first path up before returning the second name's error.
#include "abi/linux/uapi.h"
#include "fs/vfs/path.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/vfs_ops.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

// The second name of a two-path call and the context to walk it in.
struct Second {
    UserPath path;
    Path base;
};

// Copies the second name and resolves its dirfd; Ok when both worked.
Result<void> prepare_second(Second& s, int dirfd, UserCString upath) {
    TRY(s.path.copy(upath));
    s.base = TRY(dirfd_base(dirfd, s.path.view()));
    return {};
}

// linkat(AT_EMPTY_PATH) on a descriptor: vfs_link() for a path that is already resolved (the VFS
// API only links by name). Mirrors vfs_link's checks and their order.
Result<void> link_resolved(const Path& old, const WalkContext& ctx, StringView new_path) {
    if (!old.dentry) return Error(EXDEV);   // pipes and sockets live on internal mounts
    auto pp = TRY(resolve_parent(ctx, new_path));
    if (pp.kind != LastKind::Normal) return Error(EEXIST);
    TRY(component_check(pp.last));
    Dentry& dir = *pp.dir.dentry;
    Inode& target = *old.inode();
    MutexGuard g(dir.inode()->lock());
    auto existing = TRY(lookup_child_locked(dir, pp.last));
    if (existing) return Error(EEXIST);
    if (pp.trailing_slash) return Error(ENOENT);
    if (pp.dir.mnt && pp.dir.mnt->read_only()) return Error(EROFS);
    if (old.mnt != pp.dir.mnt) return Error(EXDEV);
    TRY(may_create(ctx.creds, *dir.inode()));
    if (&target.sb() != &dir.sb()) return Error(EXDEV);
    if (target.is_dir()) return Error(EPERM);
    MutexGuard tg(target.lock());
    if (target.nlink() == 0 && !target.linkable()) return Error(ENOENT);   // an unlinked file stays unlinked
    TRY(dir.inode()->link(pp.last, target));
    target.set_linkable(false);
    TRY(d_add(dir, pp.last, RefPtr<Inode>(&target)));
    return {};
}

SyscallResult do_linkat(int olddirfd, UserCString oldp, int newdirfd, UserCString newp, u64 flags) {
    if (flags & ~u64(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return Error(EINVAL);
    bool empty = flags & AT_EMPTY_PATH;
    // linux: an empty old path needs CAP_DAC_READ_SEARCH (else ENOENT).
    if (empty && !capable(CAP_DAC_READ_SEARCH)) return Error(ENOENT);
    bool follow = flags & AT_SYMLINK_FOLLOW;
    UserPath old;
    TRY(old.copy(oldp, empty));
    Second s;
    auto second = prepare_second(s, newdirfd, newp);
    if (old.empty() || second.is_error()) {
        AtTarget t = TRY(resolve_at(olddirfd, old.view(), true, follow));
        TRY(std::move(second));
        TRY(link_resolved(t.file ? t.file->path() : t.path, walk_context(s.base), s.path.view()));
        return 0;
    }
    Path obase = TRY(dirfd_base(olddirfd, old.view()));
    TRY(vfs_link(walk_context(obase), old.view(), walk_context(s.base), s.path.view(), follow));
    return 0;
}

SyscallResult do_renameat2(int olddirfd, UserCString oldp, int newdirfd, UserCString newp, u64 flags) {
    // linux: do_renameat2() checks the flags before either name.
    if (flags & ~u64(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return Error(EINVAL);
    if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE)) return Error(EINVAL);
    if ((flags & RENAME_WHITEOUT) && !capable(CAP_MKNOD)) return Error(EPERM);
    UserPath old;
    TRY(old.copy(oldp));
    Path obase = TRY(dirfd_base(olddirfd, old.view()));
    WalkContext octx = walk_context(obase);
    Second s;
    auto second = prepare_second(s, newdirfd, newp);
    if (second.is_error()) {
        TRY(resolve_parent(octx, old.view()));
        return second.error();
    }
    TRY(vfs_rename(octx, old.view(), walk_context(s.base), s.path.view(), static_cast<unsigned>(flags)));
    return 0;
}

SyscallResult do_unlinkat(int dirfd, UserCString upath, u64 flags) {
    if (flags & ~u64(AT_REMOVEDIR)) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(dirfd, path.view()));
    WalkContext ctx = walk_context(base);
    TRY((flags & AT_REMOVEDIR) ? vfs_rmdir(ctx, path.view()) : vfs_unlink(ctx, path.view()));
    return 0;
}

SyscallResult do_symlinkat(UserCString target, int dirfd, UserCString linkpath) {
    UserPath body;
    TRY(body.copy(target));   // "" is ENOENT, as getname()
    UserPath path;
    TRY(path.copy(linkpath));
    Path base = TRY(dirfd_base(dirfd, path.view()));
    TRY(vfs_symlink(body.view(), walk_context(base), path.view()));
    return 0;
}

// linux: do_readlinkat(): an empty path names dirfd itself, which must then be a symlink
// (an O_PATH | O_NOFOLLOW descriptor); anything else is ENOENT for "" and EINVAL otherwise.
SyscallResult do_readlinkat(int dirfd, UserCString upath, UserPtr<char> buf, int bufsiz) {
    if (bufsiz <= 0) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(upath, true));
    IoBuffer out = IoBuffer::user(buf.addr(), static_cast<usize>(bufsiz));
    if (path.empty()) {
        AtTarget t = TRY(resolve_at(dirfd, path.view(), true, false));
        if (!t.inode().is_symlink()) return Error(ENOENT);
        return TRY(vfs_readlink_inode(t.inode(), out));
    }
    Path base = TRY(dirfd_base(dirfd, path.view()));
    return TRY(vfs_readlink(walk_context(base), path.view(), out));
}

}  // namespace

SyscallResult sys_link(UserCString oldpath, UserCString newpath) {
    return do_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SyscallResult sys_linkat(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath, Flags flags) {
    return do_linkat(olddirfd, oldpath, newdirfd, newpath, flags.value);
}

SyscallResult sys_unlink(UserCString path) { return do_unlinkat(AT_FDCWD, path, 0); }
SyscallResult sys_unlinkat(Fd dirfd, UserCString path, Flags flags) { return do_unlinkat(dirfd, path, flags.value); }

SyscallResult sys_rename(UserCString oldpath, UserCString newpath) {
    return do_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SyscallResult sys_renameat(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath) {
    return do_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

SyscallResult sys_renameat2(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath, Flags flags) {
    return do_renameat2(olddirfd, oldpath, newdirfd, newpath, flags.value);
}

SyscallResult sys_symlink(UserCString target, UserCString linkpath) { return do_symlinkat(target, AT_FDCWD, linkpath); }

SyscallResult sys_symlinkat(UserCString target, Fd newdirfd, UserCString linkpath) {
    return do_symlinkat(target, newdirfd, linkpath);
}

SyscallResult sys_readlink(UserCString path, UserPtr<char> buf, int bufsiz) {
    return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

SyscallResult sys_readlinkat(Fd dirfd, UserCString path, UserPtr<char> buf, int bufsiz) {
    return do_readlinkat(dirfd, path, buf, bufsiz);
}
