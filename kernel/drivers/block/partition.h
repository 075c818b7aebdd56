// SPDX-License-Identifier: MIT
// Partitions of a disk as block devices of their own (vda1, loop0p1...), found from its
// partition table (partition_table.h) and registered after the disk with the minors that follow
// the disk's, as Linux's add_partition. They live as long as the kernel: a re-read of the table
// (BLKRRPART) does not remove or move them.
#pragma once

#include "drivers/block/block_device.h"

// Asks for disk's table to be read once threads can sleep (drivers register disks at boot, before
// that); minors: the minor range the disk owns (16 for virtio-blk: partitions 1-15).
void block_partitions_later(BlockDevice& disk, u32 minors);
// Boot, from the first thread: reads the tables asked for and registers the partitions.
void block_scan_partitions();

// The disk a partition belongs to; null for a whole disk.
BlockDevice* block_partition_parent(const BlockDevice& dev);
// A partition's first sector on its disk; 0 for a whole disk.
u64 block_partition_start(const BlockDevice& dev);
// The partitions of disk in number order.
void block_for_each_partition(const BlockDevice& disk, void (*fn)(void* ctx, BlockDevice& part), void* ctx);
