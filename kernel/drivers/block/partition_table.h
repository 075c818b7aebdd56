// SPDX-License-Identifier: MIT
// Partition-table parsing as Linux 6.1 does it at disk registration (block/partitions/efi.c and
// msdos.c; behaviour only): a GPT behind a protective MBR first, then an MS-DOS table with primary
// slots 1-4, an extended partition shown as its first 2 sectors, and logical partitions from 5.
// Pure: the caller supplies a sector reader, so the host tests feed it images.
#pragma once

#include "lib/types.h"

struct PartitionEntry {
    u32 number;   // 1-based, as the name suffix and minor offset
    u64 start;    // in 512-byte sectors
    u64 count;
};

// Reads one 512-byte sector into buf; false on an I/O error.
using SectorReader = bool (*)(void* ctx, u64 sector, u8* buf);

// Fills out with the disk's partitions in number order (at most max, numbers below max_number)
// and returns how many. 0 for a disk without a table (or an unreadable one). Partitions that start
// past the end are dropped and ones that run past it are cut at the end, as Linux's
// blk_add_partitions.
usize parse_partition_table(SectorReader read, void* ctx, u64 disk_sectors, PartitionEntry* out, usize max,
                            u32 max_number);
