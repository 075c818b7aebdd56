// SPDX-License-Identifier: MIT
#include "mm/page_ref.h"

#include "arch/paging.h"
#include "mm/page_frame.h"
#include "mm/pmm.h"

namespace {
PhysAddr g_zero_page;
}

void page_ref(PhysAddr p) { __atomic_fetch_add(&pmm_frame(p)->refcount, 1, __ATOMIC_RELAXED); }

void page_unref(PhysAddr p) {
    if (p == g_zero_page) return;
    PageFrame* f = pmm_frame(p);
    VERIFY(!(f->flags & PageFrame::kPageTable) && (f->flags & PageFrame::kHead));
    u32 old = __atomic_fetch_sub(&f->refcount, 1, __ATOMIC_ACQ_REL);
    VERIFY(old != 0);
    if (old == 1) {
        f->refcount = 0;
        pmm_free(p, 0);
    }
}

u32 page_refcount(PhysAddr p) { return __atomic_load_n(&pmm_frame(p)->refcount, __ATOMIC_RELAXED); }

Result<PhysAddr> page_alloc_zeroed() { return pmm_alloc_zeroed(0); }

PhysAddr zero_page() {
    if (g_zero_page.value == 0) {
        g_zero_page = MUST(pmm_alloc_zeroed(0));   // boot: the first user fault
        page_ref(g_zero_page);                     // pinned
    }
    return g_zero_page;
}
