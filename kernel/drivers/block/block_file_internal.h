// SPDX-License-Identifier: MIT
// Shared by the block special file's I/O (block_file.cpp) and its ioctls (block_ioctl.cpp).
#pragma once

#include "drivers/block/block_device.h"
#include "fs/vfs/file.h"

inline BlockDevice& blockdev_of(File& f) { return *static_cast<BlockDevice*>(f.private_data); }
inline u64 blockdev_bytes(const BlockDevice& d) { return d.sector_count() * kSectorSize; }
// The driver's read-only flag or BLKROSET's, on the device or (for a partition) its disk.
bool blockdev_read_only(const BlockDevice& d);
// Writes zeros over count sectors from first.
Result<void> blockdev_zero(BlockDevice& d, u64 first, u64 count);
Result<long> blockdev_ioctl(File& f, unsigned cmd, uptr arg);
