// SPDX-License-Identifier: MIT
// Binary buddy allocator over physical frames. Pure logic: no locking and no hardware access; the
// kernel wraps one instance in a spinlock and supplies the PageFrame array. Host-tested.
#pragma once

#include <new>

#include "lib/intrusive_list.h"
#include "lib/result.h"
#include "lib/types.h"
#include "mm/page_frame.h"

class BuddyAllocator {
public:
    static constexpr unsigned kMaxOrder = 11; // orders 0..10, largest block 4 MiB

    using FreeList = IntrusiveList<PageFrame, &PageFrame::node>;

    // constexpr so the kernel's instance can be `constinit` (no global constructor); the free
    // lists are built by init().
    constexpr BuddyAllocator() {}
    ARAMID_NOCOPY(BuddyAllocator);

    /// Takes `frames`, raw storage for `frame_count` PageFrames describing pfns
    /// [base_pfn, base_pfn + frame_count), and constructs them all reserved. Nothing is free yet.
    void init(u64 base_pfn, usize frame_count, PageFrame* frames);

    /// Hands reserved frames to the allocator (boot: usable memory-map ranges minus the kernel,
    /// initrd and the PageFrame array). Any alignment is accepted; blocks coalesce with each other
    /// and with earlier releases as far as natural alignment allows. Releasing a frame twice, or
    /// one outside the managed range, is a kernel bug (VERIFY).
    void release_range(u64 pfn, usize count);

    /// First pfn of a free block of 2^order frames, aligned to 2^order in absolute pfn terms.
    /// EINVAL if order >= kMaxOrder, ENOMEM if no block is free.
    Result<u64> alloc(unsigned order);

    /// Returns a block from alloc(). Freeing with the wrong order, freeing twice, or freeing a pfn
    /// that is not a block head is a kernel bug (VERIFY).
    void free(u64 pfn, unsigned order);

    usize free_pages() const { return m_free_pages; }
    usize total_pages() const { return m_total_pages; }
    /// Number of free blocks of `order` (for /proc/buddyinfo and tests).
    usize free_blocks(unsigned order) const;

    bool contains(u64 pfn) const { return pfn >= m_base_pfn && pfn - m_base_pfn < m_frame_count; }
    u64 base_pfn() const { return m_base_pfn; }
    usize frame_count() const { return m_frame_count; }
    PageFrame* frame(u64 pfn);
    const PageFrame* frame(u64 pfn) const;
    u64 pfn_of(const PageFrame* frame) const;

private:
    void insert_free(u64 pfn, unsigned order);
    FreeList& list(unsigned order) { return m_lists.lists[order]; }
    const FreeList& list(unsigned order) const { return m_lists.lists[order]; }

    // A union with a trivially constructed active member keeps the constructor constexpr;
    // init() switches it to the lists with placement new.
    union Lists {
        constexpr Lists() : unused() {}
        char unused;
        FreeList lists[kMaxOrder];
    } m_lists;
    PageFrame* m_frames = nullptr;
    u64 m_base_pfn = 0;
    usize m_frame_count = 0;
    usize m_free_pages = 0;
    usize m_total_pages = 0;
};
