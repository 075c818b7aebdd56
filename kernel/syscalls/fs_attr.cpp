// SPDX-License-Identifier: MIT
// Attributes: chmod, fchmod, fchmodat, chown, fchown, lchown, fchownat, utimensat, utimes,
// futimesat, utime; sizes: truncate, ftruncate, fallocate; access checks: access, faccessat,
// faccessat2. linux: fs/open.c, fs/utimes.c.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/notify/fsnotify.h"
#include "fs/vfs/vfs_ops.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

// linux: user_path_at() for the path forms.
Result<AtTarget> lookup(int dirfd, UserCString upath, bool follow, bool empty_ok = false) {
    UserPath path;
    TRY(path.copy(upath, empty_ok));
    return resolve_at(dirfd, path.view(), empty_ok, follow);
}

SyscallResult do_chown(int dirfd, UserCString path, u32 uid, u32 gid, u64 flags) {
    if (flags & ~u64(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return Error(EINVAL);
    AtTarget t = TRY(lookup(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH));
    TRY(vfs_chown(current_creds(), t.inode(), t.mount(), uid, gid, t.dentry()));
    return 0;
}

// linux: do_utimes(): a null path with a real descriptor is the descriptor form (no flags
// allowed); everything else walks the path.
SyscallResult do_utimes(int dirfd, UserCString path, const Timespec* times, u64 flags) {
    if (path.is_null() && dirfd != AT_FDCWD) {
        if (flags) return Error(EINVAL);
        RefPtr<File> f = TRY(fd_file(dirfd));
        TRY(vfs_utimens(current_creds(), f->inode(), f->path().mnt.ptr(), times, f->path().dentry.ptr()));
        return 0;
    }
    if (flags & ~u64(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return Error(EINVAL);
    AtTarget t = TRY(lookup(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH));
    TRY(vfs_utimens(current_creds(), t.inode(), t.mount(), times, t.dentry()));
    return 0;
}

// utimes/futimesat: struct timeval pairs. linux: do_futimesat().
SyscallResult do_futimesat(int dirfd, UserCString path, UserPtr<const void> utimes) {
    if (utimes.is_null()) return do_utimes(dirfd, path, nullptr, 0);
    struct {
        i64 sec, usec;
    } tv[2];
    TRY(copy_from_user(tv, utimes.addr(), sizeof(tv)));
    for (auto& t : tv)
        if (t.usec < 0 || t.usec >= 1'000'000) return Error(EINVAL);
    Timespec ts[2] = {{tv[0].sec, tv[0].usec * 1000}, {tv[1].sec, tv[1].usec * 1000}};
    return do_utimes(dirfd, path, ts, 0);
}

SyscallResult do_faccessat(int dirfd, UserCString upath, int mode, u64 flags) {
    if (mode & ~S_IRWXO) return Error(EINVAL);   // F_OK, R_OK, W_OK, X_OK only
    if (flags & ~u64(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return Error(EINVAL);
    // linux: access_override_creds(): the real ids, unless AT_EACCESS.
    Credentials creds = (flags & AT_EACCESS) ? current_creds() : real_id_creds();
    UserPath path;
    TRY(path.copy(upath, flags & AT_EMPTY_PATH));
    AtTarget t = TRY(resolve_at(dirfd, path.view(), flags & AT_EMPTY_PATH, !(flags & AT_SYMLINK_NOFOLLOW), creds));
    Inode& inode = t.inode();
    if ((mode & kMayExec) && inode.is_reg() && t.mount() && (t.mount()->flags() & MS_NOEXEC)) return Error(EACCES);
    TRY(vfs_access(creds, inode, t.mount(), mode));
    return 0;
}

// fallocate on a memory file system (tmpfs: shmem_fallocate() takes KEEP_SIZE and PUNCH_HOLE).
// LINUX-DIVERGENCE: the Inode interface has no fallocate operation, so pages are allocated by
// rewriting the range (holes read as zeros, data is kept) and a punched hole is zeroed rather
// than freed: st_blocks does not shrink, and KEEP_SIZE reserves nothing past the end.
Result<void> allocate_range(Inode& inode, int mode, u64 offset, u64 end) {
    u8* buf = static_cast<u8*>(kmalloc(kPageSize));
    if (!buf) return Error(ENOMEM);
    struct Free {
        u8* p;
        ~Free() { kfree(p); }
    } free_buf{buf};
    MutexGuard g(inode.lock());
    u64 size = inode.size();
    bool punch = mode & FALLOC_FL_PUNCH_HOLE;
    u64 stop = (mode & FALLOC_FL_KEEP_SIZE) ? min(end, size) : end;
    for (u64 pos = offset; pos < stop;) {
        usize n = static_cast<usize>(min(kPageSize - pos % kPageSize, stop - pos));
        __builtin_memset(buf, 0, n);
        if (!punch && pos < size) TRY(inode.read(IoBuffer::kernel(buf, n), pos));
        TRY(inode.write(IoBuffer::kernel(buf, n), pos));
        pos += n;
    }
    if (punch) inode.touch_mtime_ctime();
    else inode.touch_ctime();
    return {};
}

}  // namespace

SyscallResult sys_chmod(UserCString path, u32 mode) { return sys_fchmodat(AT_FDCWD, path, mode); }

SyscallResult sys_fchmodat(Fd dirfd, UserCString path, u32 mode) {
    AtTarget t = TRY(lookup(dirfd, path, true));
    TRY(vfs_chmod(current_creds(), t.inode(), t.mount(), mode & 0xffff, t.dentry()));
    return 0;
}

SyscallResult sys_fchmod(Fd fd, u32 mode) {
    RefPtr<File> f = TRY(fd_file(fd));
    TRY(vfs_chmod(current_creds(), f->inode(), f->path().mnt.ptr(), mode & 0xffff, f->path().dentry.ptr()));
    return 0;
}

SyscallResult sys_chown(UserCString path, u32 uid, u32 gid) { return do_chown(AT_FDCWD, path, uid, gid, 0); }
SyscallResult sys_lchown(UserCString path, u32 uid, u32 gid) {
    return do_chown(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}
SyscallResult sys_fchownat(Fd dirfd, UserCString path, u32 uid, u32 gid, Flags flags) {
    return do_chown(dirfd, path, uid, gid, flags.value);
}

SyscallResult sys_fchown(Fd fd, u32 uid, u32 gid) {
    RefPtr<File> f = TRY(fd_file(fd));
    TRY(vfs_chown(current_creds(), f->inode(), f->path().mnt.ptr(), uid, gid, f->path().dentry.ptr()));
    return 0;
}

SyscallResult sys_utimensat(Fd dirfd, UserCString path, UserPtr<const void> times, Flags flags) {
    if (times.is_null()) return do_utimes(dirfd, path, nullptr, flags.value);
    struct {
        i64 sec, nsec;
    } ts[2];
    TRY(copy_from_user(ts, times.addr(), sizeof(ts)));
    // linux: both UTIME_OMIT: nothing to do, and the path is not even looked at.
    if (ts[0].nsec == kUtimeOmit && ts[1].nsec == kUtimeOmit) return 0;
    Timespec t[2] = {{ts[0].sec, ts[0].nsec}, {ts[1].sec, ts[1].nsec}};
    return do_utimes(dirfd, path, t, flags.value);
}

SyscallResult sys_utimes(UserCString path, UserPtr<const void> times) { return do_futimesat(AT_FDCWD, path, times); }

SyscallResult sys_futimesat(Fd dirfd, UserCString path, UserPtr<const void> times) {
    return do_futimesat(dirfd, path, times);
}

SyscallResult sys_utime(UserCString path, UserPtr<const void> times) {
    if (times.is_null()) return do_utimes(AT_FDCWD, path, nullptr, 0);
    struct {
        i64 actime, modtime;
    } ub;
    TRY(copy_from_user(&ub, times.addr(), sizeof(ub)));
    Timespec t[2] = {{ub.actime, 0}, {ub.modtime, 0}};
    return do_utimes(AT_FDCWD, path, t, 0);
}

SyscallResult sys_truncate(UserCString path, i64 length) {
    if (length < 0) return Error(EINVAL);
    AtTarget t = TRY(lookup(AT_FDCWD, path, true));
    TRY(vfs_truncate(current_creds(), t.inode(), t.mount(), static_cast<u64>(length), t.dentry()));
    return 0;
}

// linux: do_sys_ftruncate(): EINVAL for a negative length (before the descriptor), a
// non-regular file or one not open for writing; the times change even when the size does not
// (ATTR_MTIME | ATTR_CTIME), unlike truncate(2).
SyscallResult sys_ftruncate(Fd fd, i64 length) {
    if (length < 0) return Error(EINVAL);
    RefPtr<File> f = TRY(fd_file(fd));
    Inode& inode = f->inode();
    if (!inode.is_reg() || !f->writable()) return Error(EINVAL);
    SetAttr a;
    a.mask = SetAttr::kSize | SetAttr::kMtime | SetAttr::kCtime;
    a.size = static_cast<u64>(length);
    a.mtime = a.ctime = realtime_now();
    TRY(vfs_setattr(inode, a, f->path().dentry.ptr()));
    return 0;
}

// linux: vfs_fallocate(), then shmem_fallocate().
SyscallResult sys_fallocate(Fd fd, int mode, i64 offset, i64 len) {
    RefPtr<File> f = TRY(fd_file(fd));
    if (offset < 0 || len <= 0) return Error(EINVAL);
    constexpr int kSupported = FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_NO_HIDE_STALE |
                               FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE |
                               FALLOC_FL_UNSHARE_RANGE;
    if (mode & ~kSupported) return Error(EOPNOTSUPP);
    if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) == (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
        return Error(EOPNOTSUPP);
    if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE)) return Error(EOPNOTSUPP);
    if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE)) return Error(EINVAL);
    if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE)) return Error(EINVAL);
    if ((mode & FALLOC_FL_UNSHARE_RANGE) && (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
        return Error(EINVAL);
    if (!f->writable()) return Error(EBADF);
    Inode& inode = f->inode();
    u32 type = inode.mode() & S_IFMT;
    if (type == S_IFIFO) return Error(ESPIPE);
    if (type == S_IFDIR) return Error(EISDIR);
    if (type != S_IFREG && type != S_IFBLK) return Error(ENODEV);
    i64 end;
    if (__builtin_add_overflow(offset, len, &end) || end > kMaxFileSize) return Error(EFBIG);
    StringView fs(inode.sb().fs_name());
    // ext2: the oracle's ext4 driver allocates only for extent-mapped files (ext4_fallocate).
    if (type != S_IFREG || fs == "proc" || fs == "sysfs" || fs == "ramfs" || fs == "ext2") return Error(EOPNOTSUPP);
    if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) return Error(EOPNOTSUPP);
    TRY(allocate_range(inode, mode, static_cast<u64>(offset), static_cast<u64>(end)));
    fsnotify_modify(*f);
    return 0;
}

SyscallResult sys_access(UserCString path, int mode) { return do_faccessat(AT_FDCWD, path, mode, 0); }
SyscallResult sys_faccessat(Fd dirfd, UserCString path, int mode) { return do_faccessat(dirfd, path, mode, 0); }
SyscallResult sys_faccessat2(Fd dirfd, UserCString path, int mode, Flags flags) {
    return do_faccessat(dirfd, path, mode, flags.value);
}
