// SPDX-License-Identifier: MIT
// stat, lstat, fstat, newfstatat and statx. linux: fs/stat.c (vfs_fstatat(), do_statx()): the
// flags are checked first (a bad name is only reported by the lookup), then the path is walked.
#include "abi/linux/uapi.h"
#include "fs/vfs/stat.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

constexpr u64 kStatFlags = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE;

Result<void> put_stat(const Inode& inode, UserPtr<void> buf) {
    struct stat st;
    fill_stat(inode, st);
    return copy_to_user(buf.addr(), &st, sizeof(st));
}

SyscallResult do_fstatat(int dirfd, UserCString upath, UserPtr<void> buf, u64 flags) {
    // linux: getname() errors are carried to the lookup, so bad flags win over a bad name.
    if (flags & ~kStatFlags) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(upath, flags & AT_EMPTY_PATH));
    // AT_NO_AUTOMOUNT: Aramid has no automount points, so every walk behaves as if it were set.
    AtTarget t = TRY(resolve_at(dirfd, path.view(), flags & AT_EMPTY_PATH, !(flags & AT_SYMLINK_NOFOLLOW)));
    TRY(put_stat(t.inode(), buf));
    return 0;
}

}  // namespace

SyscallResult sys_stat(UserCString path, UserPtr<void> buf) { return do_fstatat(AT_FDCWD, path, buf, 0); }

SyscallResult sys_lstat(UserCString path, UserPtr<void> buf) {
    return do_fstatat(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}

SyscallResult sys_newfstatat(Fd dirfd, UserCString path, UserPtr<void> buf, Flags flags) {
    return do_fstatat(dirfd, path, buf, flags.value);
}

SyscallResult sys_fstat(Fd fd, UserPtr<void> buf) {
    RefPtr<File> f = TRY(fd_file_raw(fd));
    TRY(put_stat(f->inode(), buf));
    return 0;
}

SyscallResult sys_statx(Fd dirfd, UserCString upath, Flags flags, u32 mask, UserPtr<void> buf) {
    if (mask & STATX__RESERVED) return Error(EINVAL);
    if ((flags.value & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE) return Error(EINVAL);
    if (flags.value & ~kStatFlags) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(upath, flags.value & AT_EMPTY_PATH));
    // AT_STATX_FORCE_SYNC / AT_STATX_DONT_SYNC: every Aramid file system is local, nothing to do.
    AtTarget t = TRY(resolve_at(dirfd, path.view(), flags.value & AT_EMPTY_PATH, !(flags.value & AT_SYMLINK_NOFOLLOW)));
    struct statx sx;
    fill_statx(t.inode(), t.mount(), mask, sx);
    TRY(copy_to_user(buf.addr(), &sx, sizeof(sx)));
    return 0;
}
