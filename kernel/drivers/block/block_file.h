// SPDX-License-Identifier: MIT
// Block special files: what open(2) of an S_IFBLK inode gives (any file system's node:
// devtmpfs's /dev/vda, a mknod'ed one). Byte-granular read/write/pread/pwrite over the
// device's sectors (partial sectors are read, patched and written back), lseek with the device
// size as the end, and the BLK* ioctls. There is no cache: every write reaches the device
// before it returns, so fsync and sync only have to flush the device's own write cache.
// linux: block/fops.c, block/ioctl.c (behaviour only).
#pragma once

#include "fs/vfs/file.h"

// Inode::open for S_IFBLK: ENXIO when no device has the number.
Result<void> blockdev_open(File& file, DevId dev);
// fsync/fdatasync of a block special file: flushes its device.
Result<void> blockdev_fsync(File& file);
// sync(2), syncfs(2): flushes every registered device (the first error is returned; all are tried).
Result<void> block_sync_all();
