// SPDX-License-Identifier: MIT
// Block special files: Inode::open calls this for S_IFBLK inodes.
#pragma once

#include "drivers/block/block_device.h"
#include "fs/vfs/file.h"

// Installs the block file ops for device dev on file: ENXIO when no such device is registered
// (or it refuses to open: a removed loop device).
Result<void> block_file_open(File& file, DevId dev);
