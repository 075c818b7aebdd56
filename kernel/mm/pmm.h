// SPDX-License-Identifier: MIT
// The physical memory manager: the buddy allocator over all usable RAM, behind a lock.
#pragma once

#include "lib/result.h"

struct PageFrame;

void pmm_init();   // from g_boot_info; reserves the kernel image, initrd and boot structures
Result<PhysAddr> pmm_alloc(unsigned order = 0);
Result<PhysAddr> pmm_alloc_zeroed(unsigned order = 0);
void pmm_free(PhysAddr p, unsigned order = 0);
usize pmm_free_pages();
usize pmm_total_pages();
// Below this many free pages, allocations that may sleep take back cached file pages first
// (mm/reclaim.h), so that those that may not (under a spinlock, in an interrupt) still find some
// (linux: the zone's low watermark, kswapd's work done inline).
usize pmm_low_water();
PageFrame* pmm_frame(PhysAddr p);
u64 pmm_max_phys();   // end of the highest usable range
bool pmm_ready();
// Boot only, before the buddy allocator exists: a zeroed page (panics when memory runs out).
PhysAddr early_alloc_page();
