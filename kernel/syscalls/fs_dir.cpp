// SPDX-License-Identifier: MIT
// Directories: mkdir, mkdirat, mknod, mknodat, rmdir, getdents, getdents64; the working directory and the
// root: chdir, fchdir, getcwd, chroot. linux: fs/namei.c, fs/readdir.c, fs/open.c, fs/d_path.c.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/dirent.h"
#include "fs/vfs/path.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/vfs_ops.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

u32 umask_now() { return current_process()->fs->umask; }

SyscallResult do_mkdirat(int dirfd, UserCString upath, u32 mode) {
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(dirfd, path.view()));
    TRY(vfs_mkdir(walk_context(base), path.view(), (mode & 0xffff) & ~umask_now()));
    return 0;
}

// linux: do_mknodat(): may_mknod() runs before the name is even looked at.
SyscallResult do_mknodat(int dirfd, UserCString upath, u32 mode, u32 dev) {
    mode &= 0xffff;   // umode_t
    TRY(vfs_may_mknod(mode));
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(dirfd, path.view()));
    u32 type = mode & S_IFMT;
    DevId d = (type == S_IFCHR || type == S_IFBLK) ? dev_decode(dev) : 0;
    TRY(vfs_mknod(walk_context(base), path.view(), type | ((mode & 07777) & ~umask_now()), d));
    return 0;
}

// linux: chdir()/chroot() need search permission on the directory (MAY_EXEC | MAY_CHDIR).
Result<Path> searchable_dir(UserCString upath) {
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(AT_FDCWD, path.view()));
    Path p = TRY(resolve(walk_context(base), path.view(), kWalkFollow | kWalkDirectory));
    TRY(inode_permission(current_creds(), *p.inode(), kMayExec));
    return p;
}

}  // namespace

SyscallResult sys_mkdir(UserCString path, u32 mode) { return do_mkdirat(AT_FDCWD, path, mode); }
SyscallResult sys_mkdirat(Fd dirfd, UserCString path, u32 mode) { return do_mkdirat(dirfd, path, mode); }
SyscallResult sys_mknod(UserCString path, u32 mode, u32 dev) { return do_mknodat(AT_FDCWD, path, mode, dev); }
SyscallResult sys_mknodat(Fd dirfd, UserCString path, u32 mode, u32 dev) { return do_mknodat(dirfd, path, mode, dev); }

SyscallResult sys_rmdir(UserCString upath) {
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(AT_FDCWD, path.view()));
    TRY(vfs_rmdir(walk_context(base), path.view()));
    return 0;
}

SyscallResult sys_getdents64(Fd fd, UserPtr<void> dirp, u32 count) {
    RefPtr<File> f = TRY(fd_file(fd));
    return TRY(f->getdents64(IoBuffer::user(dirp.addr(), count)));
}

// getdents(2): the old record (linux_dirent: d_ino, d_off, d_reclen, d_name with its NUL, then
// d_type in the record's last byte). For every name it has the length of the linux_dirent64
// record, so getdents64 fills the user's buffer and each record is then rewritten in place:
// the name moves down one byte over d_type, which goes to the end.
SyscallResult sys_getdents(Fd fd, UserPtr<void> dirp, u32 count) {
    RefPtr<File> f = TRY(fd_file(fd));
    usize n = TRY(f->getdents64(IoBuffer::user(dirp.addr(), count)));
    u8 rec[dirent64_reclen(NAME_MAX)];
    for (usize off = 0; off < n;) {
        u16 reclen;
        TRY(copy_from_user(&reclen, dirp.addr() + off + kDirent64ReclenOff, sizeof(reclen)));
        if (reclen < kDirent64NameOff + 1 || reclen > sizeof(rec) || reclen > n - off) return Error(EFAULT);
        TRY(copy_from_user(rec, dirp.addr() + off, reclen));
        u8 type = rec[kDirent64TypeOff];
        // The old d_name starts where d_type was.
        __builtin_memmove(rec + kDirent64TypeOff, rec + kDirent64NameOff, reclen - kDirent64NameOff);
        rec[reclen - 1] = type;
        TRY(copy_to_user(dirp.addr() + off, rec, reclen));
        off += reclen;
    }
    return n;
}

SyscallResult sys_chdir(UserCString path) {
    Path p = TRY(searchable_dir(path));
    current_process()->fs->set_cwd(p);
    return 0;
}

SyscallResult sys_fchdir(Fd fd) {
    RefPtr<File> f = TRY(fd_file_raw(fd));   // O_PATH directories work
    if (!f->inode().is_dir() || !f->path().dentry) return Error(ENOTDIR);
    TRY(inode_permission(current_creds(), f->inode(), kMayExec));
    current_process()->fs->set_cwd(f->path());
    return 0;
}

// linux: fs/d_path.c getcwd(): ENOENT for a removed cwd, "(unreachable)" before a path outside
// the root (after chroot or a lazy umount), ERANGE when the buffer is too small; returns the
// length including the NUL.
SyscallResult sys_getcwd(UserPtr<char> buf, usize size) {
    FsContext& fs = *current_process()->fs;
    Path root = fs.root();
    Path cwd = fs.cwd();
    if (!cwd.dentry->is_hashed() && !cwd.dentry->is_root()) return Error(ENOENT);
    char* kbuf = static_cast<char*>(kmalloc(kPathMax));
    if (!kbuf) return Error(ENOMEM);
    struct Free {
        char* p;
        ~Free() { kfree(p); }
    } free_buf{kbuf};
    DPathInfo info{false, false};
    StringView name = TRY(d_path(cwd, root, kbuf, kPathMax, &info));
    constexpr StringView kUnreachable("(unreachable)", 13);
    const char* start = name.data();
    usize len = name.length();
    if (info.unreachable) {
        if (static_cast<usize>(start - kbuf) < kUnreachable.length()) return Error(ENAMETOOLONG);
        start -= kUnreachable.length();
        __builtin_memcpy(const_cast<char*>(start), kUnreachable.data(), kUnreachable.length());
        len += kUnreachable.length();
    }
    usize total = len + 1;   // d_path NUL-terminates at the end of kbuf
    if (total > kPathMax) return Error(ENAMETOOLONG);
    if (total > size) return Error(ERANGE);
    TRY(copy_to_user(buf.addr(), start, total));
    return static_cast<i64>(total);
}

SyscallResult sys_chroot(UserCString path) {
    Path p = TRY(searchable_dir(path));
    if (!capable(CAP_SYS_CHROOT)) return Error(EPERM);
    current_process()->fs->set_root(p);
    return 0;
}
