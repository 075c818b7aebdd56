// SPDX-License-Identifier: MIT
#include "mm/reclaim.h"

#include <atomic>

#include "arch/cpu.h"
#include "mm/pmm.h"
#include "sync/lockdep.h"
#include "sync/mutex.h"

namespace {

// Reclaiming a page at a time would run the shrinkers for every page fault under pressure.
constexpr usize kMinBatch = 256;   // 1 MiB

Mutex g_shrinkers_lock{"shrinkers"};
std::atomic<u32> g_backoff{0};
IntrusiveList<Shrinker, &Shrinker::shrinker_node> g_shrinkers;

}  // namespace

void shrinker_register(Shrinker& s) {
    MutexGuard g(g_shrinkers_lock);
    g_shrinkers.push_back(s);
}

void shrinker_unregister(Shrinker& s) {
    MutexGuard g(g_shrinkers_lock);
    g_shrinkers.remove(s);
}

namespace {
usize reclaim(usize want, bool& busy) {
    if (!arch::irqs_enabled() || lockdep_holding_spinlock() || g_shrinkers_lock.is_locked_by_current()) {
        busy = true;
        return 0;
    }
    want = max(want, kMinBatch);
    MutexGuard g(g_shrinkers_lock);
    usize freed = 0;
    for (usize n = g_shrinkers.size(); n > 0 && freed < want; n--) {
        Shrinker* s = g_shrinkers.pop_front();
        if (!s) break;
        g_shrinkers.push_back(*s);
        freed += s->shrink(want - freed, busy);
    }
    return freed;
}
}  // namespace

usize reclaim_pages(usize want) {
    bool busy = false;
    return reclaim(want, busy);
}

void reclaim_if_low() {
    usize free = pmm_free_pages(), low = pmm_low_water();
    if (free >= low) return;
    if (u32 b = g_backoff.load(std::memory_order_relaxed)) {
        g_backoff.store(b - 1, std::memory_order_relaxed);
        return;
    }
    bool busy = false;
    if (reclaim(low - free, busy) == 0 && !busy) g_backoff.store(kFutileBackoff, std::memory_order_relaxed);
}
