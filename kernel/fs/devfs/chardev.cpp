// SPDX-License-Identifier: MIT
#include "fs/devfs/chardev.h"

#include <atomic>

#include "fs/devfs/devtmpfs.h"
#include "fs/vfs/late_init.h"

namespace {

constexpr usize kMaxRegions = 128;

// Append-only: a region is written before the count that publishes it, so opens read the table
// without a lock; registrations are serialised by the mutex.
constinit CharDevRegion g_regions[kMaxRegions] = {};
constinit std::atomic<usize> g_region_count{0};
LateInit<Mutex> g_register_lock;


}  // namespace

void mem_devices_init();

Result<void> chardev_register(u32 major, u32 first_minor, u32 count, const char* name, CharDevOpenFn open) {
    VERIFY(g_register_lock.ready());   // drivers register after vfs_init()
    if (count == 0 || !open || major >= (1u << 12) || first_minor + count > (1u << kMinorBits) ||
        first_minor + count < first_minor)
        return Error(EINVAL);
    MutexGuard g(*g_register_lock);
    usize n = g_region_count.load(std::memory_order_relaxed);
    for (usize i = 0; i < n; i++) {
        const CharDevRegion& r = g_regions[i];
        if (r.major == major && first_minor < r.first_minor + r.count && r.first_minor < first_minor + count)
            return Error(EBUSY);
    }
    if (n == kMaxRegions) return Error(ENOSPC);
    g_regions[n] = CharDevRegion{major, first_minor, count, name, open};
    g_region_count.store(n + 1, std::memory_order_release);
    return {};
}

Result<void> chardev_register_node(u32 major, u32 minor, const char* name, StringView node_name, u32 perm,
                                   CharDevOpenFn open) {
    TRY(chardev_register(major, minor, 1, name, open));
    return devtmpfs_add_node(node_name, perm, make_dev(major, minor));
}

Result<void> chardev_open(File& file, DevId dev) {
    u32 major = dev_major(dev), minor = dev_minor(dev);
    usize n = g_region_count.load(std::memory_order_acquire);
    for (usize i = 0; i < n; i++) {
        const CharDevRegion& r = g_regions[i];
        if (r.major == major && minor >= r.first_minor && minor - r.first_minor < r.count) return r.open(file, dev);
    }
    return Error(ENXIO);
}

void chardev_for_each(void (*fn)(void* ctx, const CharDevRegion& r), void* ctx) {
    usize n = g_region_count.load(std::memory_order_acquire);
    for (usize i = 0; i < n; i++) fn(ctx, g_regions[i]);
}

void devfs_init() {
    g_register_lock.init("chardev");
    devtmpfs_init();
    mem_devices_init();
}
