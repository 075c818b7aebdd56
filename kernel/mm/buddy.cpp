// SPDX-License-Identifier: MIT
// Binary buddy allocator: per-order intrusive free lists of block heads; a block's buddy is found
// by flipping bit `order` of its pfn, so alloc and free are O(kMaxOrder) and never allocate.
#include "mm/buddy.h"

#include <asm-generic/errno.h>

#include <bit>

#include "lib/checked.h"

void BuddyAllocator::init(u64 base_pfn, usize frame_count, PageFrame* frames) {
    u64 end;
    VERIFY(frame_count == 0 || frames != nullptr);
    VERIFY(checked_add<u64>(base_pfn, frame_count, end));
    for (auto& l : m_lists.lists)
        new (&l) FreeList();
    for (usize i = 0; i < frame_count; i++)
        new (&frames[i]) PageFrame();
    m_frames = frames;
    m_base_pfn = base_pfn;
    m_frame_count = frame_count;
    m_free_pages = 0;
    m_total_pages = 0;
}

void BuddyAllocator::release_range(u64 pfn, usize count) {
    if (count == 0)
        return;
    VERIFY(contains(pfn) && count <= m_frame_count - (pfn - m_base_pfn));
    for (usize i = 0; i < count; i++) {
        PageFrame& f = m_frames[pfn - m_base_pfn + i];
        VERIFY(f.flags == PageFrame::kReserved); // released twice, or overlapping ranges
        f.flags = 0;
    }
    m_total_pages += count;

    // Cut the range into the largest naturally aligned blocks; insert_free merges each with any
    // free buddy, including blocks released by earlier calls.
    const u64 end = pfn + count;
    while (pfn < end) {
        unsigned order = std::bit_width(end - pfn) - 1;
        if (pfn != 0)
            order = min<unsigned>(order, std::countr_zero(pfn));
        order = min(order, kMaxOrder - 1);
        insert_free(pfn, order);
        pfn += u64(1) << order;
    }
}

Result<u64> BuddyAllocator::alloc(unsigned order) {
    if (order >= kMaxOrder)
        return Error(EINVAL);
    unsigned j = order;
    while (j < kMaxOrder && list(j).empty())
        j++;
    if (j == kMaxOrder)
        return Error(ENOMEM);

    PageFrame* head = list(j).pop_front();
    VERIFY(head != nullptr);
    VERIFY(head->flags == PageFrame::kFree && head->order == j);
    const u64 pfn = pfn_of(head);
    // Split, keeping the lower half: the upper halves become free blocks of decreasing order.
    while (j > order) {
        j--;
        PageFrame& upper = m_frames[pfn + (u64(1) << j) - m_base_pfn];
        upper.flags = PageFrame::kFree;
        upper.order = u8(j);
        list(j).push_front(upper);
    }
    head->flags = PageFrame::kHead;
    head->order = u8(order);
    head->refcount = 1;
    head->owner = nullptr;
    m_free_pages -= usize(1) << order;
    return pfn;
}

void BuddyAllocator::free(u64 pfn, unsigned order) {
    VERIFY(order < kMaxOrder);
    VERIFY(contains(pfn));
    PageFrame& f = m_frames[pfn - m_base_pfn];
    // Catches double frees, wrong orders and pointers into the middle of a block.
    VERIFY((f.flags & ~(PageFrame::kSlab | PageFrame::kPageTable)) == PageFrame::kHead);
    VERIFY(f.order == order);
    VERIFY(!f.node.linked()); // the owner left the frame on one of its own lists
    f.flags = 0;
    f.order = 0;
    f.refcount = 0;
    f.owner = nullptr;
    insert_free(pfn, order);
}

void BuddyAllocator::insert_free(u64 pfn, unsigned order) {
    m_free_pages += usize(1) << order;
    while (order + 1 < kMaxOrder) {
        const u64 buddy = pfn ^ (u64(1) << order);
        if (!contains(buddy))
            break;
        PageFrame& b = m_frames[buddy - m_base_pfn];
        // Only a free head of the same order can merge; reserved frames never carry kFree.
        if (b.flags != PageFrame::kFree || b.order != order)
            break;
        list(order).remove(b);
        b.flags = 0;
        b.order = 0;
        pfn = min(pfn, buddy);
        order++;
    }
    PageFrame& head = m_frames[pfn - m_base_pfn];
    head.flags = PageFrame::kFree;
    head.order = u8(order);
    list(order).push_front(head);
}

usize BuddyAllocator::free_blocks(unsigned order) const {
    VERIFY(order < kMaxOrder);
    return list(order).size();
}

PageFrame* BuddyAllocator::frame(u64 pfn) {
    VERIFY(contains(pfn));
    return &m_frames[pfn - m_base_pfn];
}

const PageFrame* BuddyAllocator::frame(u64 pfn) const {
    VERIFY(contains(pfn));
    return &m_frames[pfn - m_base_pfn];
}

u64 BuddyAllocator::pfn_of(const PageFrame* frame) const {
    // Integer comparison: the pointer may come from anywhere, so relational operators on
    // pointers into different objects would be unspecified.
    const uptr p = reinterpret_cast<uptr>(frame), base = reinterpret_cast<uptr>(m_frames);
    VERIFY(p >= base && (p - base) % sizeof(PageFrame) == 0);
    const usize index = (p - base) / sizeof(PageFrame);
    VERIFY(index < m_frame_count);
    return m_base_pfn + index;
}
