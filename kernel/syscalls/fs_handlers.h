// SPDX-License-Identifier: MIT
// Typed declarations of the file-system syscall handlers (the "Files" section of syscalls.def),
// included by syscalls/handlers.h. Argument order and meaning are Linux's (man 2 <name>).
#pragma once

#include "syscalls/types.h"

// Opening and closing (syscalls/fs_open.cpp)
SyscallResult sys_open(UserCString path, Flags flags, u32 mode);
SyscallResult sys_openat(Fd dirfd, UserCString path, Flags flags, u32 mode);
SyscallResult sys_openat2(Fd dirfd, UserCString path, UserPtr<const void> how, usize size);
SyscallResult sys_creat(UserCString path, u32 mode);
SyscallResult sys_close(Fd fd);

// Reading and writing (syscalls/fs_rw.cpp)
SyscallResult sys_read(Fd fd, UserPtr<void> buf, usize count);
SyscallResult sys_write(Fd fd, UserPtr<const void> buf, usize count);
SyscallResult sys_readv(Fd fd, UserPtr<const void> iov, u64 iovcnt);
SyscallResult sys_writev(Fd fd, UserPtr<const void> iov, u64 iovcnt);
SyscallResult sys_pread64(Fd fd, UserPtr<void> buf, usize count, i64 offset);
SyscallResult sys_pwrite64(Fd fd, UserPtr<const void> buf, usize count, i64 offset);
SyscallResult sys_preadv(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64 pos_high);
SyscallResult sys_pwritev(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64 pos_high);
SyscallResult sys_preadv2(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64 pos_high, Flags flags);
SyscallResult sys_pwritev2(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64 pos_high, Flags flags);
SyscallResult sys_lseek(Fd fd, i64 offset, u32 whence);

// Descriptors: dup, fcntl, close_range, flock (syscalls/fs_fd.cpp)
SyscallResult sys_dup(Fd fd);
SyscallResult sys_dup2(Fd oldfd, Fd newfd);
SyscallResult sys_dup3(Fd oldfd, Fd newfd, Flags flags);
SyscallResult sys_fcntl(Fd fd, u32 cmd, u64 arg);
SyscallResult sys_flock(Fd fd, u32 operation);
SyscallResult sys_close_range(u32 first, u32 last, Flags flags);

// memfd_create (fs/tmpfs/memfd.cpp)
SyscallResult sys_memfd_create(UserCString name, Flags flags);

// stat family (syscalls/fs_stat.cpp)
SyscallResult sys_stat(UserCString path, UserPtr<void> buf);
SyscallResult sys_lstat(UserCString path, UserPtr<void> buf);
SyscallResult sys_fstat(Fd fd, UserPtr<void> buf);
SyscallResult sys_newfstatat(Fd dirfd, UserCString path, UserPtr<void> buf, Flags flags);
SyscallResult sys_statx(Fd dirfd, UserCString path, Flags flags, u32 mask, UserPtr<void> buf);
SyscallResult sys_name_to_handle_at(int dirfd, UserCString path, UserPtr<void> handle, UserPtr<int> mount_id, int flags);

// Directories and the working directory (syscalls/fs_dir.cpp)
SyscallResult sys_mkdir(UserCString path, u32 mode);
SyscallResult sys_mkdirat(Fd dirfd, UserCString path, u32 mode);
SyscallResult sys_mknod(UserCString path, u32 mode, u32 dev);
SyscallResult sys_mknodat(Fd dirfd, UserCString path, u32 mode, u32 dev);
SyscallResult sys_rmdir(UserCString path);
SyscallResult sys_getdents(Fd fd, UserPtr<void> dirp, u32 count);
SyscallResult sys_getdents64(Fd fd, UserPtr<void> dirp, u32 count);
SyscallResult sys_chdir(UserCString path);
SyscallResult sys_fchdir(Fd fd);
SyscallResult sys_getcwd(UserPtr<char> buf, usize size);
SyscallResult sys_chroot(UserCString path);
SyscallResult sys_pivot_root(UserCString new_root, UserCString put_old);   // fs_pivot_root.cpp

// Names: links, unlink, rename, symlinks (syscalls/fs_link.cpp)
SyscallResult sys_link(UserCString oldpath, UserCString newpath);
SyscallResult sys_linkat(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath, Flags flags);
SyscallResult sys_unlink(UserCString path);
SyscallResult sys_unlinkat(Fd dirfd, UserCString path, Flags flags);
SyscallResult sys_rename(UserCString oldpath, UserCString newpath);
SyscallResult sys_renameat(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath);
SyscallResult sys_renameat2(Fd olddirfd, UserCString oldpath, Fd newdirfd, UserCString newpath, Flags flags);
SyscallResult sys_symlink(UserCString target, UserCString linkpath);
SyscallResult sys_symlinkat(UserCString target, Fd newdirfd, UserCString linkpath);
SyscallResult sys_readlink(UserCString path, UserPtr<char> buf, int bufsiz);
SyscallResult sys_readlinkat(Fd dirfd, UserCString path, UserPtr<char> buf, int bufsiz);

// Attributes, truncation, access checks (syscalls/fs_attr.cpp)
SyscallResult sys_chmod(UserCString path, u32 mode);
SyscallResult sys_fchmod(Fd fd, u32 mode);
SyscallResult sys_fchmodat(Fd dirfd, UserCString path, u32 mode);
SyscallResult sys_chown(UserCString path, u32 uid, u32 gid);
SyscallResult sys_fchown(Fd fd, u32 uid, u32 gid);
SyscallResult sys_lchown(UserCString path, u32 uid, u32 gid);
SyscallResult sys_fchownat(Fd dirfd, UserCString path, u32 uid, u32 gid, Flags flags);
SyscallResult sys_utimensat(Fd dirfd, UserCString path, UserPtr<const void> times, Flags flags);
SyscallResult sys_utimes(UserCString path, UserPtr<const void> times);
SyscallResult sys_futimesat(Fd dirfd, UserCString path, UserPtr<const void> times);
SyscallResult sys_utime(UserCString path, UserPtr<const void> times);
SyscallResult sys_truncate(UserCString path, i64 length);
SyscallResult sys_ftruncate(Fd fd, i64 length);
SyscallResult sys_fallocate(Fd fd, int mode, i64 offset, i64 len);
SyscallResult sys_access(UserCString path, int mode);
SyscallResult sys_faccessat(Fd dirfd, UserCString path, int mode);
SyscallResult sys_faccessat2(Fd dirfd, UserCString path, int mode, Flags flags);

// Mounts, file-system statistics, syncing (syscalls/fs_mount.cpp)
SyscallResult sys_mount(UserCString source, UserCString target, UserCString fstype, Flags flags,
                        UserPtr<const void> data);
SyscallResult sys_umount2(UserCString target, Flags flags);
SyscallResult sys_statfs(UserCString path, UserPtr<void> buf);
SyscallResult sys_fstatfs(Fd fd, UserPtr<void> buf);
SyscallResult sys_sync();
SyscallResult sys_syncfs(Fd fd);
SyscallResult sys_fsync(Fd fd);
SyscallResult sys_fdatasync(Fd fd);
SyscallResult sys_sync_file_range(Fd fd, i64 offset, i64 nbytes, Flags flags);

// ioctl's generic commands (syscalls/fs_ioctl.cpp)
SyscallResult sys_ioctl(Fd fd, u32 cmd, u64 arg);

// In-kernel copies (syscalls/fs_copy.cpp)
SyscallResult sys_sendfile(Fd out_fd, Fd in_fd, UserPtr<i64> offset, usize count);
SyscallResult sys_copy_file_range(Fd fd_in, UserPtr<i64> off_in, Fd fd_out, UserPtr<i64> off_out, usize len,
                                  Flags flags);
