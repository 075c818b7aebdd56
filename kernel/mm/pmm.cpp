// SPDX-License-Identifier: MIT
// Boot order: normalize the memory map, hand out early pages (page tables, the PageFrame array)
// with a bump allocator, then give every page that is left to the buddy allocator.
#include "mm/pmm.h"

#include "arch/paging.h"
#include "core/boot_info.h"
#include "core/log.h"
#include "core/panic.h"
#include "mm/buddy.h"
#include "mm/memory_map.h"
#include "mm/page_frame.h"
#include "mm/reclaim.h"
#include "sync/spinlock.h"

extern "C" const u8 __kernel_start[], __kernel_end[];

namespace {

constexpr usize kMaxPhysRanges = 128;
PhysRange g_ranges[kMaxPhysRanges];
usize g_range_count = 0;
u64 g_max_phys = 0;
bool g_buddy_ready = false;

Spinlock g_pmm_lock(LockRank::PhysMem, "pmm");
BuddyAllocator g_buddy;

constexpr u64 kImageVirtBase = 0xffffffff80000000ull;

}  // namespace

// Early pages: taken from the front of the lowest usable range above 1 MiB. Boot only.
PhysAddr early_alloc_page() {
    for (usize i = 0; i < g_range_count; i++) {
        PhysRange& r = g_ranges[i];
        if (r.end - r.start >= kPageSize) {
            PhysAddr p(r.start);
            r.start += kPageSize;
            __builtin_memset(arch::phys_to_virt(p), 0, kPageSize);
            return p;
        }
    }
    panic("out of memory during early boot");   // allowed: nothing can run without page tables
}

static PhysAddr early_alloc_contiguous(u64 bytes) {
    bytes = align_up(bytes, kPageSize);
    for (usize i = 0; i < g_range_count; i++) {
        PhysRange& r = g_ranges[i];
        if (r.end - r.start >= bytes) {
            PhysAddr p(r.start);
            r.start += bytes;
            return p;
        }
    }
    panic("cannot place %llu bytes of page metadata", static_cast<unsigned long long>(bytes));
}

void pmm_init() {
    const BootInfo& bi = g_boot_info;
    PhysRange reserved[4] = {
        {0, 0x100000},   // real-mode area, BIOS data, option ROMs: never handed out
        {reinterpret_cast<u64>(__kernel_start) - kImageVirtBase, reinterpret_cast<u64>(__kernel_end) - kImageVirtBase},
        {bi.initrd_phys, bi.initrd_phys + bi.initrd_size},
        {bi.start_info_phys, bi.start_info_phys + kPageSize},
    };
    MemoryMapReport rep;
    g_range_count = normalize_memory_map(Span<const MemoryRange>(bi.ranges, bi.range_count),
                                         Span<const PhysRange>(reserved, 4),
                                         Span<PhysRange>(g_ranges, kMaxPhysRanges), rep);
    if (rep.overlaps || rep.dropped)
        log_warn("memory map: %zu overlapping and %zu malformed ranges (reserved side kept)", rep.overlaps,
                 rep.dropped);
    if (g_range_count == 0) panic("memory map has no usable RAM");
    for (usize i = 0; i < bi.range_count; i++) {
        const MemoryRange& m = bi.ranges[i];
        if (m.type == MemoryRange::Usable && m.base + m.size > g_max_phys) g_max_phys = m.base + m.size;
    }
    g_max_phys = align_down(g_max_phys, kPageSize);

    arch::paging_init();

    usize frames = g_max_phys / kPageSize;
    PhysAddr meta = early_alloc_contiguous(frames * sizeof(PageFrame));
    auto* frame_array = static_cast<PageFrame*>(arch::phys_to_virt(meta));
    g_buddy.init(0, frames, frame_array);
    for (usize i = 0; i < g_range_count; i++)
        if (g_ranges[i].end > g_ranges[i].start)
            g_buddy.release_range(g_ranges[i].start / kPageSize, (g_ranges[i].end - g_ranges[i].start) / kPageSize);
    g_buddy_ready = true;
    log_info("pmm: %zu MiB usable of %llu MiB, %zu free pages, page metadata %zu KiB", rep.usable_bytes >> 20,
             static_cast<unsigned long long>(g_max_phys >> 20), g_buddy.free_pages(),
             (frames * sizeof(PageFrame)) >> 10);
}

namespace {
Result<u64> buddy_alloc(unsigned order, usize& left) {
    SpinlockGuard g(g_pmm_lock);
    auto r = g_buddy.alloc(order);
    left = g_buddy.free_pages();
    return r;
}

}  // namespace

Result<PhysAddr> pmm_alloc(unsigned order) {
    VERIFY(g_buddy_ready);
    usize left;
    auto pfn = buddy_alloc(order, left);
    if (pfn.is_ok()) {
        if (unlikely(left < pmm_low_water())) reclaim_if_low();
        return PhysAddr(pfn.value() * kPageSize);
    }
    // Out of free pages: take back clean cached file pages where the caller may sleep, once.
    if (reclaim_pages(usize(1) << order) == 0) return pfn.error();
    return PhysAddr(TRY(buddy_alloc(order, left)) * kPageSize);
}

Result<PhysAddr> pmm_alloc_zeroed(unsigned order) {
    PhysAddr p = TRY(pmm_alloc(order));
    __builtin_memset(arch::phys_to_virt(p), 0, kPageSize << order);
    return p;
}

void pmm_free(PhysAddr p, unsigned order) {
    SpinlockGuard g(g_pmm_lock);
    g_buddy.free(p.value / kPageSize, order);
}

usize pmm_free_pages() {
    SpinlockGuard g(g_pmm_lock);
    return g_buddy.free_pages();
}
usize pmm_total_pages() { return g_buddy.total_pages(); }
usize pmm_low_water() { return max<usize>(256, g_buddy.total_pages() / 128); }
PageFrame* pmm_frame(PhysAddr p) { return g_buddy.frame(p.value / kPageSize); }
u64 pmm_max_phys() { return g_max_phys; }
bool pmm_ready() { return g_buddy_ready; }
