// SPDX-License-Identifier: MIT
#include "drivers/block/block_geometry.h"

#include "drivers/block/partition.h"
#include "sync/mutex.h"

namespace {

constexpr usize kMax = 32;

struct Entry {
    const BlockDevice* disk;
    BlockGeometry geometry;
};

Mutex g_lock{"block-geometry"};
Entry g_entries[kMax];
usize g_count;

}  // namespace

void block_set_geometry(const BlockDevice& disk, BlockGeometry g) {
    MutexGuard guard(g_lock);
    for (usize i = 0; i < g_count; i++) {
        if (g_entries[i].disk == &disk) {
            g_entries[i].geometry = g;
            return;
        }
    }
    if (g_count < kMax) g_entries[g_count++] = {&disk, g};
}

bool block_geometry(const BlockDevice& dev, BlockGeometry& out) {
    const BlockDevice* disk = block_partition_parent(dev);
    if (!disk) disk = &dev;
    MutexGuard guard(g_lock);
    for (usize i = 0; i < g_count; i++) {
        if (g_entries[i].disk == disk) {
            out = g_entries[i].geometry;
            return true;
        }
    }
    return false;
}
