// SPDX-License-Identifier: MIT
// The VFS operations the syscall layer calls, one per system call family, with Linux's checks
// and errno in Linux's order. Path arguments are resolved from ctx (root, cwd or a dirfd's path,
// credentials); mode arguments already have the umask applied (processes come later). The
// operations that act on an inode (chmod, chown, utimens, truncate) take the resolved inode so
// that the path and descriptor variants (chmod/fchmod...) share them.
#pragma once

#include "fs/vfs/file.h"
#include "fs/vfs/walk.h"

// open(2)/openat(2)/creat(2): flags as open's (O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY,
// O_NOFOLLOW, O_PATH, O_APPEND, O_NONBLOCK...; O_CLOEXEC is the descriptor table's).
// mode: the permission bits for O_CREAT and O_TMPFILE (an unnamed file in the directory named).
Result<RefPtr<File>> vfs_open(const WalkContext& ctx, StringView path, u32 flags, u32 mode);
// Opens an already resolved path (permission checks included; no O_CREAT).
Result<RefPtr<File>> vfs_open_path(const Credentials& creds, const Path& path, u32 flags);

Result<void> vfs_mkdir(const WalkContext& ctx, StringView path, u32 mode);
// mknod(2): mode's type is S_IFREG (or 0), S_IFCHR, S_IFBLK, S_IFIFO or S_IFSOCK; dev is the
// kernel DevId (decode the user's with dev_decode). EPERM for devices unless root.
// may_mknod: the node types mknod accepts (EPERM for directories, EINVAL for unknown types);
// returns mode with S_IFREG filled in for type 0. Callers that must fail before copying the path
// (Linux's errno order) call it first.
Result<u32> vfs_may_mknod(u32 mode);
Result<void> vfs_mknod(const WalkContext& ctx, StringView path, u32 mode, DevId dev);
Result<void> vfs_symlink(StringView target, const WalkContext& ctx, StringView path);
// link(2)/linkat(2): follow says whether a symlink old path is followed (AT_SYMLINK_FOLLOW).
Result<void> vfs_link(const WalkContext& old_ctx, StringView old_path, const WalkContext& new_ctx,
                      StringView new_path, bool follow);
Result<void> vfs_unlink(const WalkContext& ctx, StringView path);
Result<void> vfs_rmdir(const WalkContext& ctx, StringView path);
// rename(2)/renameat2(2): flags 0, RENAME_NOREPLACE or RENAME_EXCHANGE (RENAME_WHITEOUT: EINVAL).
Result<void> vfs_rename(const WalkContext& old_ctx, StringView old_path, const WalkContext& new_ctx,
                        StringView new_path, unsigned flags);
// readlink(2): the target, truncated to buf's size (no NUL); EINVAL if not a symlink.
Result<usize> vfs_readlink(const WalkContext& ctx, StringView path, const IoBuffer& buf);
Result<usize> vfs_readlink_inode(Inode& inode, const IoBuffer& buf);

// The attribute operations take the inode and the mount it was reached through (null for
// anonymous inodes such as pipes): a read-only mount gives EROFS. notify: the name the inode was
// reached by, whose inotify watches (and its directory's) see the change; null for none.
//
// chmod(2)/fchmod(2)/fchmodat(2): the owner or root; S_ISGID is dropped for non-members.
Result<void> vfs_chmod(const Credentials& creds, Inode& inode, const Mount* mnt, u32 mode, Dentry* notify);
// chown family: uid/gid of 0xffffffff leave that id unchanged. Clears S_ISUID (and S_ISGID when
// group-executable) on non-directories, as Linux.
Result<void> vfs_chown(const Credentials& creds, Inode& inode, const Mount* mnt, u32 uid, u32 gid, Dentry* notify);
// utimensat(2): times == null means both "now"; otherwise times[0] atime, times[1] mtime, with
// tv_nsec UTIME_NOW / UTIME_OMIT (kUtimeNow/kUtimeOmit) honoured. EINVAL for a bad tv_nsec.
Result<void> vfs_utimens(const Credentials& creds, Inode& inode, const Mount* mnt, const Timespec* times,
                         Dentry* notify);
// truncate(2) (by path: write permission needed). ftruncate goes through File::truncate.
Result<void> vfs_truncate(const Credentials& creds, Inode& inode, const Mount* mnt, u64 size, Dentry* notify);
// access(2)/faccessat(2): mask is R_OK|W_OK|X_OK (0 = F_OK). creds should carry the real ids
// unless AT_EACCESS. W_OK on a read-only mount: EROFS (regular files, directories, symlinks).
Result<void> vfs_access(const Credentials& creds, const Inode& inode, const Mount* mnt, int mask);

// Kernel-internal helpers (no permission checks; initramfs, devtmpfs): create name in dir with
// mode (any type; target for symlinks, dev for device nodes). EEXIST when it exists.
Result<RefPtr<Dentry>> vfs_create_child(Dentry& dir, StringView name, u32 mode, DevId dev, StringView target,
                                        const Credentials& creds);
// Applies attr under the inode mutex, no permission checks. A size change also sets mtime and
// ctime unless attr sets them.
Result<void> vfs_setattr(Inode& inode, const SetAttr& attr, Dentry* notify = nullptr);

// Boot (vfs_init): the rename lock.
void vfs_ops_init();
