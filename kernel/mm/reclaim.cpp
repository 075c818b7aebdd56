// SPDX-License-Identifier: MIT
#include "mm/reclaim.h"

#include "arch/cpu.h"
#include "sync/lockdep.h"
#include "sync/mutex.h"

namespace {

// Reclaiming a page at a time would run the shrinkers for every page fault under pressure.
constexpr usize kMinBatch = 256;   // 1 MiB

Mutex g_shrinkers_lock{"shrinkers"};
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

usize reclaim_pages(usize want) {
    if (!arch::irqs_enabled() || lockdep_holding_spinlock() || g_shrinkers_lock.is_locked_by_current()) return 0;
    want = max(want, kMinBatch);
    MutexGuard g(g_shrinkers_lock);
    usize freed = 0;
    for (usize n = g_shrinkers.size(); n > 0 && freed < want; n--) {
        Shrinker* s = g_shrinkers.pop_front();
        g_shrinkers.push_back(*s);
        freed += s->shrink(want - freed);
    }
    return freed;
}
