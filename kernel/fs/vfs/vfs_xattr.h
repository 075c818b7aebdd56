// SPDX-License-Identifier: MIT
// Extended attributes at the VFS (linux: fs/xattr.c): the namespace rules (trusted.* for
// CAP_SYS_ADMIN only, user.* only on regular files and directories, security.* left to the
// file system), the name forms a file system accepts, then the inode's XattrStore under its
// mutex. name is the full name ("trusted.x"), already checked to be 1..255 bytes.
#pragma once

#include "fs/vfs/inode.h"
#include "fs/vfs/mount.h"

// value: a kernel buffer of size bytes (size 0: only the length is wanted).
Result<usize> vfs_getxattr(const Credentials& creds, Inode& inode, StringView name, void* value, usize size);
// notify: the name the inode was reached by (inotify IN_ATTRIB), or null.
Result<void> vfs_setxattr(const Credentials& creds, Inode& inode, const Mount* mnt, StringView name,
                          const void* value, usize size, int flags, Dentry* notify);
Result<usize> vfs_listxattr(const Credentials& creds, Inode& inode, char* list, usize size);
Result<void> vfs_removexattr(const Credentials& creds, Inode& inode, const Mount* mnt, StringView name,
                             Dentry* notify);
