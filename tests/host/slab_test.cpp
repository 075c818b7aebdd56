// SPDX-License-Identifier: MIT
// Host tests for SlabCache and Heap over an aligned_alloc page source: every size class, contents,
// alignment, large blocks, out of memory, leak counters, a random stress run, and misuse (death).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "mm/slab.h"

namespace {

// Page source with a page limit (to provoke out of memory) and an optional quarantine that keeps
// freed blocks mapped, so double frees reach the allocator's checks rather than ASan's.
class TestPages {
public:
    explicit TestPages(usize limit = ~usize(0), bool quarantine = false)
        : m_limit(limit), m_quarantine(quarantine) {}
    ~TestPages() {
        for (auto& [p, order] : m_live)
            std::free(p);
        for (void* p : m_parked)
            std::free(p);
    }
    PageSource source{&alloc_fn, &free_fn, this};
    usize outstanding() const { return m_pages; }
    void set_limit(usize limit) { m_limit = limit; }

private:
    static void* alloc_fn(void* ctx, unsigned order) {
        auto* self = static_cast<TestPages*>(ctx);
        const usize pages = usize(1) << order;
        if (order > 12 || self->m_pages + pages > self->m_limit)
            return nullptr;
        void* p = std::aligned_alloc(pages * kPageSize, pages * kPageSize);
        std::memset(p, 0xa5, pages * kPageSize); // garbage, as fresh pages would be
        self->m_live[p] = order;
        self->m_pages += pages;
        return p;
    }
    static void free_fn(void* ctx, void* p, unsigned order) {
        auto* self = static_cast<TestPages*>(ctx);
        auto it = self->m_live.find(p);
        ASSERT_NE(it, self->m_live.end()) << "freeing a block the source never gave out";
        ASSERT_EQ(it->second, order);
        self->m_live.erase(it);
        self->m_pages -= usize(1) << order;
        if (self->m_quarantine)
            self->m_parked.push_back(p);
        else
            std::free(p);
    }
    std::map<void*, unsigned> m_live;
    std::vector<void*> m_parked;
    usize m_pages = 0;
    usize m_limit;
    bool m_quarantine;
};

uptr addr(const void* p) { return reinterpret_cast<uptr>(p); }
usize lowbit(usize x) { return x & -x; }

void fill_tag(void* p, usize n, u8 tag) { std::memset(p, tag, n); }
bool has_tag(const void* p, usize n, u8 tag) {
    const u8* b = static_cast<const u8*>(p);
    for (usize i = 0; i < n; i++)
        if (b[i] != tag)
            return false;
    return true;
}

// The kernel's heap must need no global constructor.
[[maybe_unused]] constinit Heap g_constinit_check;

} // namespace

TEST(SlabCache, AllocWriteFreeReturnsEverything) {
    TestPages pages;
    SlabCache c;
    c.init("obj40", 40, 8, &pages.source);
    EXPECT_STREQ(c.name(), "obj40");
    EXPECT_EQ(c.object_size(), 48u);
    std::vector<void*> objs;
    for (int i = 0; i < 1000; i++) {
        void* p = c.alloc();
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(addr(p) % 16, 0u);
        fill_tag(p, 40, u8(i));
        objs.push_back(p);
    }
    EXPECT_EQ(std::set<void*>(objs.begin(), objs.end()).size(), objs.size());
    EXPECT_EQ(c.live_objects(), 1000u);
    EXPECT_EQ(c.pages(), ((1000 + c.objects_per_slab() - 1) / c.objects_per_slab()) << c.slab_order());
    for (int i = 0; i < 1000; i++)
        ASSERT_TRUE(has_tag(objs[i], 40, u8(i))) << "object " << i << " was overwritten";
    std::shuffle(objs.begin(), objs.end(), std::mt19937(1));
    for (void* p : objs)
        c.free(p);
    EXPECT_EQ(c.live_objects(), 0u);
    EXPECT_LE(c.pages(), SlabCache::kMaxEmptySlabs << c.slab_order());
    c.shrink();
    EXPECT_EQ(c.pages(), 0u);
    EXPECT_EQ(pages.outstanding(), 0u);
}

TEST(SlabCache, SlabOrderKeepsWasteLow) {
    TestPages pages;
    for (usize size : {16, 24, 100, 200, 500, 700, 1000, 1500, 2048, 3000, 4096, 6000, 9000}) {
        SlabCache c;
        c.init("t", size, 0, &pages.source);
        const usize bytes = usize(kPageSize) << c.slab_order();
        const usize waste = bytes - c.objects_per_slab() * c.object_size();
        EXPECT_TRUE(waste * 8 <= bytes || c.slab_order() == SlabCache::kMaxSlabOrder)
            << "size " << size << " order " << c.slab_order();
        EXPECT_GE(c.objects_per_slab(), 1u);
    }
    SlabCache c;
    c.init("t", 3000, 0, &pages.source);
    EXPECT_EQ(c.slab_order(), 2u);
    EXPECT_EQ(c.objects_per_slab(), 5u);
    // Multi-page slabs still find their header on free.
    std::vector<void*> objs;
    for (int i = 0; i < 12; i++)
        objs.push_back(c.alloc());
    for (void* p : objs)
        c.free(p);
    EXPECT_EQ(c.live_objects(), 0u);
}

TEST(SlabCache, HonoursAlignment) {
    TestPages pages;
    for (usize align : {16, 32, 64, 256, 4096}) {
        SlabCache c;
        c.init("aligned", 100, align, &pages.source);
        std::vector<void*> objs;
        for (int i = 0; i < 50; i++) {
            void* p = c.alloc();
            ASSERT_NE(p, nullptr);
            EXPECT_EQ(addr(p) % align, 0u) << "align " << align;
            objs.push_back(p);
        }
        for (void* p : objs)
            c.free(p);
        c.shrink();
    }
    EXPECT_EQ(pages.outstanding(), 0u);
}

TEST(SlabCache, OutOfPagesReturnsNull) {
    TestPages pages(1);
    SlabCache c;
    c.init("tight", 256, 0, &pages.source, 0);
    std::vector<void*> objs;
    for (usize i = 0; i < c.objects_per_slab(); i++)
        objs.push_back(c.alloc());
    EXPECT_EQ(c.alloc(), nullptr);
    EXPECT_EQ(c.live_objects(), objs.size());
    c.free(objs.back());
    objs.pop_back();
    void* p = c.alloc();
    EXPECT_NE(p, nullptr);
    objs.push_back(p);
    for (void* o : objs)
        c.free(o);
}

TEST(Heap, EverySizeClass) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    for (usize size : {0, 1, 8, 16, 17, 32, 33, 48, 64, 65, 96, 100, 128, 129, 192, 256, 300, 384,
                       512, 600, 768, 1000, 1024, 1025, 1344, 1345, 2016}) {
        std::vector<void*> objs;
        usize cls = 0;
        for (int i = 0; i < 300; i++) {
            void* p = h.alloc(size);
            ASSERT_NE(p, nullptr);
            cls = h.size_of(p);
            ASSERT_GE(cls, max<usize>(size, 1));
            EXPECT_EQ(addr(p) % min<usize>(lowbit(cls), 1024), 0u) << "size " << size;
            fill_tag(p, size, u8(i * 7));
            objs.push_back(p);
        }
        EXPECT_EQ(h.live_allocations(), 300u);
        EXPECT_EQ(h.live_bytes(), 300 * cls);
        for (int i = 0; i < 300; i++)
            ASSERT_TRUE(has_tag(objs[i], size, u8(i * 7))) << "size " << size << " object " << i;
        for (void* p : objs)
            h.free(p);
        EXPECT_EQ(h.live_allocations(), 0u);
        EXPECT_EQ(h.live_bytes(), 0u);
    }
    h.shrink();
    EXPECT_EQ(h.pages(), 0u);
    EXPECT_EQ(pages.outstanding(), 0u);
}

TEST(Heap, LargeAllocations) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    for (usize size : {2017, 4032, 4033, 10000, 100000, 1 << 20}) {
        void* p = h.alloc(size);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(addr(p) % kPageSize, Heap::kLargeHeaderBytes);
        const usize usable = h.size_of(p);
        EXPECT_GE(usable, size);
        EXPECT_LT(usable / 2, size + Heap::kLargeHeaderBytes); // the smallest order that fits
        EXPECT_EQ(h.live_bytes(), usable);
        EXPECT_EQ(pages.outstanding(), (usable + Heap::kLargeHeaderBytes) / kPageSize);
        fill_tag(p, usable, 0x5a);
        EXPECT_TRUE(has_tag(p, usable, 0x5a));
        h.free(p);
        EXPECT_EQ(h.live_allocations(), 0u);
        EXPECT_EQ(pages.outstanding(), 0u);
    }
    EXPECT_EQ(h.alloc(~usize(0)), nullptr);
    EXPECT_EQ(h.alloc(usize(1) << 40), nullptr);
    EXPECT_EQ(h.live_allocations(), 0u);
}

TEST(Heap, Alignment) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    std::mt19937 rng(3);
    std::vector<void*> objs;
    for (int i = 0; i < 2000; i++) {
        const usize align = usize(16) << (rng() % 3);
        void* p = h.alloc(rng() % 6000, align);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(addr(p) % align, 0u);
        objs.push_back(p);
    }
    struct Req { usize size, align; };
    for (Req r : {Req{100, 128}, Req{512, 512}, Req{1000, 1024}, Req{200, 256}, Req{3000, 64}}) {
        void* p = h.alloc(r.size, r.align);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(addr(p) % r.align, 0u) << r.size << "/" << r.align;
        objs.push_back(p);
    }
    for (void* p : objs)
        h.free(p);
    EXPECT_EQ(h.live_allocations(), 0u);
}

TEST(Heap, OutOfMemoryReturnsNull) {
    TestPages pages(2);
    Heap h;
    h.init(&pages.source);
    EXPECT_EQ(pages.outstanding(), 0u); // init takes no memory
    void* a = h.alloc(16);
    void* b = h.alloc(3000);
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(h.alloc(5000), nullptr);
    EXPECT_EQ(h.alloc(32), nullptr); // needs a new slab page
    EXPECT_NE(h.alloc(16), nullptr);  // the existing slab still has room
    EXPECT_EQ(h.live_allocations(), 3u);
    h.free(b);
    void* c = h.alloc(32);
    EXPECT_NE(c, nullptr);
    h.free(c);
    h.free(a);
    h.free(nullptr);
}

TEST(Heap, RandomStress) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    struct Live { u8* p; usize size; u8 tag; };
    std::vector<Live> live;
    std::mt19937 rng(20240601);
    usize expect_bytes = 0;
    for (int op = 0; op < 50000; op++) {
        if (live.empty() || rng() % 100 < 52) {
            const unsigned kind = rng() % 100;
            const usize size = kind < 80 ? rng() % 512 + 1 : kind < 95 ? rng() % 3500 + 513 : rng() % 70000 + 4001;
            const usize align = rng() % 5 == 0 ? usize(16) << (rng() % 3) : 16;
            auto* p = static_cast<u8*>(h.alloc(size, align));
            ASSERT_NE(p, nullptr);
            ASSERT_EQ(addr(p) % align, 0u);
            const u8 tag = u8(rng());
            fill_tag(p, size, tag); // an overlap with a live block shows up as a wrong tag
            live.push_back({p, size, tag});
            expect_bytes += h.size_of(p);
        } else {
            const usize i = rng() % live.size();
            const Live l = live[i];
            live[i] = live.back();
            live.pop_back();
            ASSERT_TRUE(has_tag(l.p, l.size, l.tag)) << "allocation overwritten";
            expect_bytes -= h.size_of(l.p);
            h.free(l.p);
        }
        ASSERT_EQ(h.live_allocations(), live.size());
        ASSERT_EQ(h.live_bytes(), expect_bytes);
    }
    for (const Live& l : live) {
        ASSERT_TRUE(has_tag(l.p, l.size, l.tag));
        h.free(l.p);
    }
    EXPECT_EQ(h.live_allocations(), 0u);
    EXPECT_EQ(h.live_bytes(), 0u);
    h.shrink();
    EXPECT_EQ(pages.outstanding(), 0u);
}

#ifdef ARAMID_DEBUG
TEST(Heap, DebugPoison) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    auto* p = static_cast<u8*>(h.alloc(64));
    void* keep = h.alloc(64); // keeps the slab (and p's memory) alive after p is freed
    EXPECT_TRUE(has_tag(p, 64, kPoisonAlloc));
    h.free(p);
    EXPECT_TRUE(has_tag(p, 64, kPoisonFree));
    auto* large = static_cast<u8*>(h.alloc(10000));
    EXPECT_TRUE(has_tag(large, h.size_of(large), kPoisonAlloc));
    h.free(large);
    h.free(keep);
}
#endif

using SlabDeathTest = ::testing::Test;

TEST_F(SlabDeathTest, DoubleFreeSmall) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    void* p = h.alloc(100);
    void* keep = h.alloc(100);
    h.free(p);
    EXPECT_DEATH(h.free(p), "VERIFY\\(word & mask\\)"); // the per-object live bit
    EXPECT_DEATH(h.size_of(p), "VERIFY");
    h.free(keep);
}

TEST_F(SlabDeathTest, DoubleFreeLarge) {
    TestPages pages(~usize(0), true);
    Heap h;
    h.init(&pages.source);
    void* p = h.alloc(50000);
    h.free(p);
    EXPECT_DEATH(h.free(p), "VERIFY");
}

TEST_F(SlabDeathTest, WildAndInteriorPointers) {
    TestPages pages;
    Heap h;
    h.init(&pages.source);
    void* wild = std::aligned_alloc(kPageSize, kPageSize);
    std::memset(wild, 0, kPageSize);
    EXPECT_DEATH(h.free(static_cast<u8*>(wild) + 64), "VERIFY");
    std::free(wild);
    auto* small = static_cast<u8*>(h.alloc(48));
    EXPECT_DEATH(h.free(small + 16), "VERIFY");
    auto* large = static_cast<u8*>(h.alloc(8000));
    EXPECT_DEATH(h.free(large + 16), "VERIFY");
    h.free(small);
    h.free(large);
}

TEST_F(SlabDeathTest, WrongCache) {
    TestPages pages;
    SlabCache a, b;
    a.init("a", 64, 0, &pages.source);
    b.init("b", 64, 0, &pages.source);
    Heap h;
    h.init(&pages.source);
    void* p = a.alloc();
    EXPECT_DEATH(b.free(p), "VERIFY");
    EXPECT_DEATH(h.free(p), "VERIFY");
    void* q = h.alloc(64);
    EXPECT_DEATH(a.free(q), "VERIFY");
    a.free(p);
    h.free(q);
}

#ifdef ARAMID_DEBUG
TEST_F(SlabDeathTest, WriteAfterFreeCaughtOnReuse) {
    TestPages pages;
    SlabCache c;
    c.init("uaf", 32, 0, &pages.source);
    void* keep = c.alloc();
    auto* p = static_cast<u8*>(c.alloc());
    c.free(p);
    p[5] = 1;
    EXPECT_DEATH(c.alloc(), "kPoisonFree"); // the lowest free slot is p's
    p[5] = kPoisonFree;
    c.free(keep);
}
#endif
