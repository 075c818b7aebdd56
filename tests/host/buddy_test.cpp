// SPDX-License-Identifier: MIT
// Host tests for the buddy allocator: orders, alignment, coalescing, exhaustion, odd release
// ranges, misuse (death tests) and a randomized stress run against a shadow bitmap.
#include <gtest/gtest.h>

#include <asm-generic/errno.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "mm/buddy.h"

namespace {

constexpr unsigned kTop = BuddyAllocator::kMaxOrder - 1;

struct Buddy {
    std::unique_ptr<PageFrame[]> frames;
    BuddyAllocator b;
    Buddy(u64 base, usize count) : frames(new PageFrame[count]) { b.init(base, count, frames.get()); }
};

std::vector<usize> free_block_counts(const BuddyAllocator& b) {
    std::vector<usize> v;
    for (unsigned o = 0; o < BuddyAllocator::kMaxOrder; o++)
        v.push_back(b.free_blocks(o));
    return v;
}

// The kernel's instance must need no global constructor.
[[maybe_unused]] constinit BuddyAllocator g_constinit_check;

} // namespace

TEST(Buddy, StartsAllReserved) {
    Buddy t(0, 64);
    EXPECT_EQ(t.b.free_pages(), 0u);
    EXPECT_EQ(t.b.total_pages(), 0u);
    EXPECT_TRUE(t.b.frame(5)->is_reserved());
    auto r = t.b.alloc(0);
    ASSERT_TRUE(r.is_error());
    EXPECT_EQ(r.error_code(), ENOMEM);
}

TEST(Buddy, RejectsBadOrder) {
    Buddy t(0, 2048);
    t.b.release_range(0, 2048);
    EXPECT_EQ(t.b.alloc(BuddyAllocator::kMaxOrder).error_code(), EINVAL);
    EXPECT_EQ(t.b.alloc(1000).error_code(), EINVAL);
    EXPECT_EQ(t.b.free_pages(), 2048u);
}

TEST(Buddy, AllocFreeEachOrder) {
    Buddy t(0, 4096);
    t.b.release_range(0, 4096);
    EXPECT_EQ(t.b.free_blocks(kTop), 4u);
    for (unsigned order = 0; order < BuddyAllocator::kMaxOrder; order++) {
        u64 pfn = MUST(t.b.alloc(order));
        EXPECT_EQ(pfn % (u64(1) << order), 0u) << "order " << order;
        EXPECT_EQ(t.b.free_pages(), 4096u - (1u << order));
        const PageFrame* f = t.b.frame(pfn);
        EXPECT_TRUE(f->is_head());
        EXPECT_EQ(f->order, order);
        EXPECT_EQ(f->refcount, 1u);
        EXPECT_EQ(t.b.pfn_of(f), pfn);
        t.b.free(pfn, order);
        EXPECT_EQ(t.b.free_pages(), 4096u);
        EXPECT_EQ(t.b.free_blocks(kTop), 4u) << "did not coalesce after order " << order;
    }
}

TEST(Buddy, OwnerStateIsClearedOnFree) {
    Buddy t(0, 16);
    t.b.release_range(0, 16);
    u64 p = MUST(t.b.alloc(1));
    PageFrame* f = t.b.frame(p);
    f->flags |= PageFrame::kSlab; // what a slab page source may record
    f->owner = f;
    f->refcount = 3;
    t.b.free(p, 1);
    EXPECT_EQ(t.b.free_pages(), 16u);
    p = MUST(t.b.alloc(1));
    EXPECT_EQ(t.b.frame(p)->owner, nullptr);
    EXPECT_EQ(t.b.frame(p)->refcount, 1u);
    EXPECT_EQ(t.b.frame(p)->flags, PageFrame::kHead);
}

TEST(Buddy, SplitLeavesOneBlockPerOrder) {
    Buddy t(0, 1024);
    t.b.release_range(0, 1024);
    EXPECT_EQ(MUST(t.b.alloc(0)), 0u);
    for (unsigned o = 0; o < kTop; o++)
        EXPECT_EQ(t.b.free_blocks(o), 1u) << "order " << o;
    EXPECT_EQ(t.b.free_blocks(kTop), 0u);
    // The next order-0 block is the split-off buddy of the first.
    EXPECT_EQ(MUST(t.b.alloc(0)), 1u);
}

TEST(Buddy, ExhaustionAndFullCoalescing) {
    Buddy t(0, 2048);
    t.b.release_range(0, 2048);
    std::vector<u64> pfns;
    for (;;) {
        auto r = t.b.alloc(0);
        if (r.is_error()) {
            EXPECT_EQ(r.error_code(), ENOMEM);
            break;
        }
        pfns.push_back(r.value());
    }
    EXPECT_EQ(pfns.size(), 2048u);
    EXPECT_EQ(std::set<u64>(pfns.begin(), pfns.end()).size(), 2048u);
    EXPECT_EQ(t.b.free_pages(), 0u);
    EXPECT_EQ(t.b.alloc(3).error_code(), ENOMEM);
    std::shuffle(pfns.begin(), pfns.end(), std::mt19937(7));
    for (u64 p : pfns)
        t.b.free(p, 0);
    EXPECT_EQ(t.b.free_pages(), 2048u);
    EXPECT_EQ(t.b.free_blocks(kTop), 2u);
    for (unsigned o = 0; o < kTop; o++)
        EXPECT_EQ(t.b.free_blocks(o), 0u);
}

TEST(Buddy, LargestBlocksUntilEmpty) {
    Buddy t(0, 8192);
    t.b.release_range(0, 8192);
    for (int i = 0; i < 8; i++)
        EXPECT_EQ(MUST(t.b.alloc(kTop)) % 1024, 0u);
    EXPECT_EQ(t.b.alloc(kTop).error_code(), ENOMEM);
    EXPECT_EQ(t.b.alloc(0).error_code(), ENOMEM);
}

TEST(Buddy, ReleaseRangeOddBoundariesAndHoles) {
    // A non-aligned base and ranges that start and end mid-block, with holes between them.
    const u64 base = 3;
    Buddy t(base, 5000);
    struct Range { u64 pfn; usize count; };
    const Range ranges[] = {{7, 1000}, {1500, 17}, {2001, 1999}, {4100, 1}, {4500, 503}};
    std::set<u64> usable;
    for (auto r : ranges) {
        t.b.release_range(r.pfn, r.count);
        for (u64 p = r.pfn; p < r.pfn + r.count; p++)
            usable.insert(p);
    }
    EXPECT_EQ(t.b.total_pages(), usable.size());
    EXPECT_EQ(t.b.free_pages(), usable.size());
    EXPECT_TRUE(t.b.frame(1006 + 1)->is_reserved());

    // Every order hands out only aligned blocks fully inside the released ranges.
    for (unsigned order = kTop + 1; order-- > 0;) {
        std::vector<u64> got;
        for (;;) {
            auto r = t.b.alloc(order);
            if (r.is_error())
                break;
            got.push_back(r.value());
        }
        for (u64 p : got) {
            EXPECT_EQ(p % (u64(1) << order), 0u);
            for (u64 q = p; q < p + (u64(1) << order); q++)
                EXPECT_EQ(usable.erase(q), 1u) << "pfn " << q << " order " << order;
        }
    }
    EXPECT_TRUE(usable.empty());
    EXPECT_EQ(t.b.free_pages(), 0u);
}

TEST(Buddy, SeparateReleasesCoalesce) {
    Buddy t(0, 1024);
    t.b.release_range(0, 300);
    t.b.release_range(700, 324);
    t.b.release_range(300, 400); // fills the gap: everything merges into one order-10 block
    EXPECT_EQ(t.b.free_blocks(kTop), 1u);
    EXPECT_EQ(t.b.free_pages(), 1024u);
    EXPECT_EQ(MUST(t.b.alloc(kTop)), 0u);
}

TEST(Buddy, NoMergeAcrossRangeEnd) {
    // 1536 frames: one order-10 block and one order-9 block; the missing half must not merge.
    Buddy t(0, 1536);
    t.b.release_range(0, 1536);
    EXPECT_EQ(t.b.free_blocks(kTop), 1u);
    EXPECT_EQ(t.b.free_blocks(kTop - 1), 1u);
    u64 p = MUST(t.b.alloc(kTop - 1));
    t.b.free(p, kTop - 1);
    EXPECT_EQ(t.b.free_blocks(kTop - 1), 1u);
}

TEST(Buddy, RandomStress) {
    const u64 base = 5;
    const usize count = 20000;
    Buddy t(base, count);
    // Usable memory with a hole, as a memory map would have.
    t.b.release_range(base + 1, 9000);
    t.b.release_range(base + 9500, count - 9500);
    const usize start_free = t.b.free_pages();
    const auto start_blocks = free_block_counts(t.b);

    std::vector<bool> used(count);
    struct Block { u64 pfn; unsigned order; };
    std::vector<Block> live;
    std::mt19937 rng(12345);
    std::geometric_distribution<unsigned> order_dist(0.45);
    usize allocated = 0;
    for (int op = 0; op < 100000; op++) {
        if (live.empty() || rng() % 100 < 55) {
            const unsigned order = min(order_dist(rng), kTop);
            auto r = t.b.alloc(order);
            if (r.is_error()) {
                ASSERT_EQ(r.error_code(), ENOMEM);
                continue;
            }
            const u64 pfn = r.value();
            ASSERT_EQ(pfn % (u64(1) << order), 0u);
            for (u64 q = pfn; q < pfn + (u64(1) << order); q++) {
                ASSERT_TRUE(q >= base + 1 && q < base + count && !(q >= base + 9001 && q < base + 9500));
                ASSERT_FALSE(used[q - base]) << "overlap at pfn " << q;
                used[q - base] = true;
            }
            live.push_back({pfn, order});
            allocated += usize(1) << order;
        } else {
            const usize i = rng() % live.size();
            const Block blk = live[i];
            live[i] = live.back();
            live.pop_back();
            for (u64 q = blk.pfn; q < blk.pfn + (u64(1) << blk.order); q++)
                used[q - base] = false;
            t.b.free(blk.pfn, blk.order);
            allocated -= usize(1) << blk.order;
        }
        ASSERT_EQ(t.b.free_pages() + allocated, start_free);
    }
    for (const Block& blk : live)
        t.b.free(blk.pfn, blk.order);
    EXPECT_EQ(t.b.free_pages(), start_free);
    EXPECT_EQ(free_block_counts(t.b), start_blocks);
}

using BuddyDeathTest = ::testing::Test;

TEST_F(BuddyDeathTest, DoubleFree) {
    Buddy t(0, 1024);
    t.b.release_range(0, 1024);
    u64 p = MUST(t.b.alloc(2));
    t.b.free(p, 2);
    EXPECT_DEATH(t.b.free(p, 2), "VERIFY\\(.*kHead\\)");
}

TEST_F(BuddyDeathTest, WrongOrder) {
    Buddy t(0, 1024);
    t.b.release_range(0, 1024);
    u64 p = MUST(t.b.alloc(2));
    EXPECT_DEATH(t.b.free(p, 1), "VERIFY\\(f.order == order\\)");
    EXPECT_DEATH(t.b.free(p, 3), "VERIFY\\(f.order == order\\)");
}

TEST_F(BuddyDeathTest, FreeMiddleOfBlock) {
    Buddy t(0, 1024);
    t.b.release_range(0, 1024);
    u64 p = MUST(t.b.alloc(2));
    EXPECT_DEATH(t.b.free(p + 1, 0), "VERIFY");
}

TEST_F(BuddyDeathTest, FreeNeverAllocatedOrOutOfRange) {
    Buddy t(0, 1024);
    t.b.release_range(0, 512);
    EXPECT_DEATH(t.b.free(600, 0), "VERIFY"); // reserved
    EXPECT_DEATH(t.b.free(0, 0), "VERIFY");   // free
    EXPECT_DEATH(t.b.free(5000, 0), "VERIFY"); // not managed
}

TEST_F(BuddyDeathTest, FreeWhileOwnerStillLinksFrame) {
    Buddy t(0, 16);
    t.b.release_range(0, 16);
    u64 p = MUST(t.b.alloc(0));
    BuddyAllocator::FreeList owner_list; // e.g. an LRU list the owner forgot to leave
    owner_list.push_back(*t.b.frame(p));
    EXPECT_DEATH(t.b.free(p, 0), "VERIFY\\(!f.node.linked\\(\\)\\)");
    owner_list.remove(*t.b.frame(p));
    t.b.free(p, 0);
}

TEST_F(BuddyDeathTest, ReleaseTwiceOrOutside) {
    Buddy t(0, 1024);
    t.b.release_range(0, 100);
    EXPECT_DEATH(t.b.release_range(50, 100), "VERIFY");
    EXPECT_DEATH(t.b.release_range(1000, 100), "VERIFY");
}
