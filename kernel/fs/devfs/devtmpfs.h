// SPDX-License-Identifier: MIT
// devtmpfs: one tmpfs instance (root mode 0755) holding a node for every device registered
// with a name; every mount of "devtmpfs" shows that same instance, as on Linux.
#pragma once

#include "fs/vfs/vfs.h"

// Makes /dev/<name> for dev: a character device, or a block device when perm carries S_IFBLK; missing parent directories of
// "a/b" names are created. EEXIST when the name is taken.
Result<void> devtmpfs_add_node(StringView name, u32 perm, DevId dev);
// The root of the devtmpfs instance (for kernel code and tests).
RefPtr<Dentry> devtmpfs_root();
const FileSystemType& devtmpfs_type();
void devtmpfs_init();
