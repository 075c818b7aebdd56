// SPDX-License-Identifier: MIT
#include "drivers/block/block_device.h"

#include "abi/linux/uapi.h"
#include "fs/devfs/devtmpfs.h"
#include "sync/mutex.h"

namespace {

// Block devices are few (a handful of disks and loop devices) and never go away.
constexpr usize kMaxBlockDevices = 64;

Mutex g_lock;
BlockDevice* g_devices[kMaxBlockDevices];
usize g_count;

} // namespace

Result<void> block_register(BlockDevice& dev, const char* name, DevId devnum) {
    {
        MutexGuard guard(g_lock);
        for (usize i = 0; i < g_count; i++) {
            if (g_devices[i]->devnum() == devnum || StringView(g_devices[i]->name()) == StringView(name))
                return Error(EEXIST);
        }
        if (g_count == kMaxBlockDevices) return Error(ENOSPC);
        dev.m_name = name;
        dev.m_dev = devnum;
        g_devices[g_count++] = &dev;
    }
    // Linux's devtmpfs makes disk nodes root-only (0600) until udev adjusts them.
    return devtmpfs_add_node(name, S_IFBLK | 0600, devnum);
}

BlockDevice* block_find_by_dev(DevId dev) {
    MutexGuard guard(g_lock);
    for (usize i = 0; i < g_count; i++)
        if (g_devices[i]->devnum() == dev) return g_devices[i];
    return nullptr;
}

BlockDevice* block_find_by_name(StringView name) {
    MutexGuard guard(g_lock);
    for (usize i = 0; i < g_count; i++)
        if (StringView(g_devices[i]->name()) == name) return g_devices[i];
    return nullptr;
}

void block_for_each(void (*fn)(void* ctx, BlockDevice& dev), void* ctx) {
    usize n;
    {
        MutexGuard guard(g_lock);
        n = g_count;
    }
    // Entries are only appended, so the first n stay valid without the lock.
    for (usize i = 0; i < n; i++) fn(ctx, *g_devices[i]);
}
