// SPDX-License-Identifier: MIT
#include "drivers/block/block_majors.h"

#include "abi/linux/uapi.h"
#include "sync/mutex.h"

namespace {

constexpr usize kMaxMajors = 16;

struct Major {
    u32 major;
    const char* name;
};

Mutex g_lock;
// Linux's block core takes 259 for partitions beyond a disk's own minor range (BLOCK_EXT_MAJOR)
// at boot, before any driver.
Major g_majors[kMaxMajors] = {{BLOCK_EXT_MAJOR, "blkext"}};
usize g_count = 1;

}  // namespace

void blkdev_major_register(u32 major, const char* name) {
    MutexGuard guard(g_lock);
    for (usize i = 0; i < g_count; i++)
        if (g_majors[i].major == major) return;
    if (g_count == kMaxMajors) return;
    // Insertion keeps the table sorted by number.
    usize at = g_count;
    while (at > 0 && g_majors[at - 1].major > major) {
        g_majors[at] = g_majors[at - 1];
        at--;
    }
    g_majors[at] = {major, name};
    g_count++;
}

void blkdev_major_for_each(void (*fn)(void* ctx, u32 major, const char* name), void* ctx) {
    Major copy[kMaxMajors];
    usize n;
    {
        MutexGuard guard(g_lock);
        n = g_count;
        for (usize i = 0; i < n; i++) copy[i] = g_majors[i];
    }
    for (usize i = 0; i < n; i++) fn(ctx, copy[i].major, copy[i].name);
}
