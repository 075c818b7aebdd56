// SPDX-License-Identifier: MIT
// Memory the kernel can take back when an allocation finds no free page: today the clean pages
// of disk files' page caches (linux: the file LRU, shrink_page_list). Each owner of such memory
// registers a Shrinker; an allocation that fails in a context that may sleep asks them in turn,
// round-robin so no one cache is always the one drained, and tries once more.
#pragma once

#include "lib/intrusive_list.h"
#include "lib/types.h"

class Shrinker {
public:
    // Frees up to `want` pages without waiting for any lock (a shrinker is called with whatever
    // locks the failed allocation's caller holds). Returns the pages freed; sets busy when it
    // skipped something it might have freed because its lock was taken.
    virtual usize shrink(usize want, bool& busy) = 0;
    ListNode shrinker_node;

protected:
    ~Shrinker() = default;
};

// From a context that may sleep (mount, umount).
void shrinker_register(Shrinker& s);
void shrinker_unregister(Shrinker& s);

// Asks the shrinkers for at least `want` pages (in batches); returns the pages freed. Does
// nothing (0) where sleeping is not allowed (a spinlock held, interrupts off) or from inside a
// shrinker.
usize reclaim_pages(usize want);
// Where free memory is below pmm_low_water(): takes back enough to reach it again. After a pass
// that found nothing and skipped nothing busy, the next kFutileBackoff calls do nothing (every
// one would walk the caches in vain while anonymous memory fills RAM).
void reclaim_if_low();
constexpr u32 kFutileBackoff = 256;
