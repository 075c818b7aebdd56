// SPDX-License-Identifier: MIT
// Host tests for tmpfs's PageTree: sparse lookups, growth to huge indices, truncation freeing
// exactly what lies beyond, and every page and node returned.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "mm/page_tree.h"

namespace {

struct Pool {
    std::set<void*> live;
    size_t fail_after = ~size_t(0);   // allocations left before ENOSPC
    static Result<void*> alloc(void* ctx) {
        auto* p = static_cast<Pool*>(ctx);
        if (p->fail_after == 0) return Error(ENOSPC);
        p->fail_after--;
        void* m = std::aligned_alloc(4096, 4096);
        memset(m, 0, 4096);
        p->live.insert(m);
        return m;
    }
    static void free(void* ctx, void* page) {
        auto* p = static_cast<Pool*>(ctx);
        EXPECT_EQ(p->live.erase(page), 1u);
        std::free(page);
    }
    PageAllocator allocator() { return PageAllocator{alloc, free, this}; }
};

Pool* g_node_pool = nullptr;   // node callbacks get the page pool's ctx: reach their own pool here

}  // namespace

TEST(PageTree, SparseLookupAndGrowth) {
    Pool pool;
    {
        PageTree t(pool.allocator());
        EXPECT_EQ(t.lookup(0), nullptr);
        void* a = t.get_or_alloc(3).value();
        EXPECT_EQ(t.lookup(3), a);
        EXPECT_EQ(t.get_or_alloc(3).value(), a);   // the same page again
        EXPECT_EQ(t.lookup(2), nullptr);
        EXPECT_EQ(t.page_count(), 1u);
        // Far away: the tree grows, the old page stays reachable.
        void* far = t.get_or_alloc(u64(1) << 40).value();
        EXPECT_EQ(t.lookup(3), a);
        EXPECT_EQ(t.lookup(u64(1) << 40), far);
        EXPECT_EQ(t.lookup((u64(1) << 40) + 1), nullptr);
        EXPECT_EQ(t.page_count(), 2u);
        void* top = t.get_or_alloc(~u64(0)).value();   // the largest index there is
        EXPECT_EQ(t.lookup(~u64(0)), top);
        EXPECT_EQ(t.lookup(3), a);
    }
    EXPECT_TRUE(pool.live.empty());   // the destructor returned everything
}

TEST(PageTree, TruncateFreesExactlyTheTail) {
    Pool pool;
    PageTree t(pool.allocator());
    for (u64 i = 0; i < 2000; i += 3) ASSERT_TRUE(t.get_or_alloc(i).is_ok());
    usize before = t.page_count();
    usize freed = t.truncate(1000);
    EXPECT_EQ(t.page_count(), before - freed);
    for (u64 i = 0; i < 2000; i++) {
        bool present = i % 3 == 0 && i < 1000;
        EXPECT_EQ(t.lookup(i) != nullptr, present) << i;
    }
    t.truncate(0);
    EXPECT_EQ(t.page_count(), 0u);
    EXPECT_EQ(t.node_count(), 0u);
    EXPECT_TRUE(pool.live.empty());
}

TEST(PageTree, ShrinksHeightAfterTruncate) {
    Pool pool;
    PageTree t(pool.allocator());
    ASSERT_TRUE(t.get_or_alloc(1).is_ok());
    ASSERT_TRUE(t.get_or_alloc(u64(1) << 30).is_ok());
    usize nodes_big = t.node_count();
    t.truncate(2);
    EXPECT_LT(t.node_count(), nodes_big);
    EXPECT_EQ(t.node_count(), 1u);   // back to a single root for page 1
    EXPECT_NE(t.lookup(1), nullptr);
    EXPECT_EQ(pool.live.size(), 2u);  // the root node and the page
}

TEST(PageTree, AllocationFailureLeavesATreeThatStillFrees) {
    Pool pool;
    {
        PageTree t(pool.allocator());
        pool.fail_after = 2;
        ASSERT_TRUE(t.get_or_alloc(0).is_ok());          // root + page
        auto r = t.get_or_alloc(u64(1) << 20);           // needs new levels: fails
        EXPECT_EQ(r.error_code(), ENOSPC);
        EXPECT_NE(t.lookup(0), nullptr);
        pool.fail_after = ~size_t(0);
        EXPECT_TRUE(t.get_or_alloc(u64(1) << 20).is_ok());
    }
    EXPECT_TRUE(pool.live.empty());
}

TEST(PageTree, RandomAgainstAModel) {
    Pool pool;
    std::mt19937_64 rng(12345);
    {
        PageTree t(pool.allocator());
        std::map<u64, void*> model;
        for (int step = 0; step < 5000; step++) {
            u64 r = rng();
            u64 idx = (r % 4 == 0) ? rng() % (u64(1) << 36) : rng() % 4096;
            if (r % 10 < 7) {
                void* p = t.get_or_alloc(idx).value();
                auto it = model.find(idx);
                if (it != model.end()) {
                    EXPECT_EQ(it->second, p);
                }
                model[idx] = p;
            } else if (r % 10 < 9) {
                auto it = model.find(idx);
                EXPECT_EQ(t.lookup(idx), it == model.end() ? nullptr : it->second);
            } else {
                u64 cut = rng() % 8192;
                t.truncate(cut);
                model.erase(model.lower_bound(cut), model.end());
            }
            ASSERT_EQ(t.page_count(), model.size());
        }
        for (auto& [idx, p] : model) EXPECT_EQ(t.lookup(idx), p);
    }
    EXPECT_TRUE(pool.live.empty());
}

TEST(PageTree, RemoveLeavesAHole) {
    Pool pool;
    {
        PageTree t(pool.allocator());
        for (u64 i = 0; i < 600; i++) ASSERT_TRUE(t.get_or_alloc(i).is_ok());
        EXPECT_TRUE(t.remove(513));
        EXPECT_FALSE(t.remove(513));            // already a hole
        EXPECT_FALSE(t.remove(u64(1) << 30));   // beyond the tree
        EXPECT_EQ(t.lookup(513), nullptr);
        EXPECT_NE(t.lookup(512), nullptr);
        EXPECT_NE(t.lookup(514), nullptr);
        EXPECT_EQ(t.page_count(), 599u);
        EXPECT_NE(t.get_or_alloc(513).value(), nullptr);   // the hole fills again
        EXPECT_EQ(t.page_count(), 600u);
    }
    EXPECT_TRUE(pool.live.empty());
}

// Interior nodes may come from their own allocator (tmpfs: uncharged metadata); data pages never
// do, and each kind goes back to where it came from.
TEST(PageTree, SeparateNodeAllocator) {
    Pool pages, nodes;
    PageAllocator a = pages.allocator();
    a.node_alloc_zeroed = [](void*) -> Result<void*> {
        return Pool::alloc(g_node_pool);
    };
    a.node_free = [](void*, void* n) { Pool::free(g_node_pool, n); };
    g_node_pool = &nodes;
    {
        PageTree t(a);
        for (u64 i : {0ull, 1ull, 600ull, 1ull << 20}) ASSERT_TRUE(t.get_or_alloc(i).is_ok());
        EXPECT_EQ(pages.live.size(), 4u);
        EXPECT_EQ(nodes.live.size(), t.node_count());
        EXPECT_GE(nodes.live.size(), 3u);
        pages.fail_after = 0;   // a data page cannot be had, nodes still can
        EXPECT_TRUE(t.get_or_alloc(1ull << 30).is_error());
        t.truncate(2);
        EXPECT_EQ(pages.live.size(), 2u);
    }
    EXPECT_TRUE(pages.live.empty());
    EXPECT_TRUE(nodes.live.empty());
    g_node_pool = nullptr;
}

TEST(PageTree, RemoveIfShedsChosenPagesUpToMax) {
    Pool pool;
    {
        PageTree t(pool.allocator());
        const uint64_t idx[] = {0, 1, 2, 511, 512, 9000, 1u << 20};
        for (uint64_t i : idx) *static_cast<uint64_t*>(t.get_or_alloc(i).value()) = i;
        // Odd indices only, at most 2: the first two odd ones in index order go.
        std::vector<uint64_t> seen;
        usize n = t.remove_if([&](u64 i, void* page) {
            EXPECT_EQ(*static_cast<uint64_t*>(page), i);
            seen.push_back(i);
            return (i & 1) != 0;
        }, 2);
        EXPECT_EQ(n, 2u);
        EXPECT_EQ(t.lookup(1), nullptr);
        EXPECT_EQ(t.lookup(511), nullptr);
        EXPECT_NE(t.lookup(0), nullptr);
        EXPECT_EQ(t.page_count(), 5u);
        // Everything: the nodes emptied are freed; only the tree's pages and nodes stay live.
        EXPECT_EQ(t.remove_if([](u64, void*) { return true; }, ~usize(0)), 5u);
        EXPECT_EQ(t.page_count(), 0u);
        EXPECT_EQ(t.node_count(), 0u);
        EXPECT_TRUE(pool.live.empty());
        // Still usable afterwards.
        EXPECT_NE(t.get_or_alloc(77).value(), nullptr);
        EXPECT_EQ(t.remove_if([](u64, void*) { return false; }, 10), 0u);
        EXPECT_EQ(t.page_count(), 1u);
    }
    EXPECT_TRUE(pool.live.empty());
}
