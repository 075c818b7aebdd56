// SPDX-License-Identifier: MIT
// PageFrame: the descriptor of one physical 4 KiB frame (Linux's struct page), kept in one flat
// array indexed by pfn. It is 32 bytes so the array costs 0.8% of RAM.
#pragma once

#include "lib/intrusive_list.h"
#include "lib/types.h"

struct PageFrame {
    // Flag bits. Only the first frame of a buddy block (its head) carries meaningful state; the
    // other frames of a block keep flags == 0 whether the block is free or allocated.
    static constexpr u8 kFree = 1 << 0;     // head of a free block, linked on a buddy free list
    static constexpr u8 kReserved = 1 << 1; // never handed to the buddy allocator (hole, firmware, kernel)
    static constexpr u8 kHead = 1 << 2;     // head of an allocated block of `order`
    static constexpr u8 kSlab = 1 << 3;     // allocated block backs a slab or large heap block (set by the owner)
    static constexpr u8 kPageTable = 1 << 4; // a user page-table page (set by the paging code; never user-mapped)

    /// Buddy free-list link while the block is free. While allocated, the owner may use it (LRU,
    /// page cache lists) but must unlink it before freeing the block.
    ListNode node;
    /// Owner's back pointer while allocated (e.g. the SlabCache); cleared on free.
    void* owner = nullptr;
    /// Set to 1 by BuddyAllocator::alloc on the head frame; the copy-on-write code counts mappings
    /// here. The allocator does not interpret it when freeing: that policy belongs to the caller.
    u32 refcount = 0;
    /// Block order (log2 of its frame count); valid on heads only.
    u8 order = 0;
    u8 flags = kReserved;
    u16 spare = 0;

    bool is_free() const { return flags & kFree; }
    bool is_reserved() const { return flags & kReserved; }
    bool is_head() const { return flags & kHead; }
};

static_assert(sizeof(PageFrame) == 32, "PageFrame must stay 32 bytes (0.8% of RAM)");
