// SPDX-License-Identifier: MIT
// Slab caches of fixed-size objects, and the general-purpose Heap (kmalloc) built from them.
// Pure logic over an abstract PageSource: no locking, no hardware; the kernel wraps each instance
// in a spinlock. Every slab and every large heap block starts with a SlabHeader, so free() finds
// the owner from the pointer alone. Host-tested.
#pragma once

#include <new>

#include "lib/intrusive_list.h"
#include "lib/types.h"

/// Where slabs get their memory: the kernel's buddy allocator seen through the direct map, or
/// aligned_alloc in tests.
struct PageSource {
    /// A block of 4096 << order bytes aligned to its own size, or nullptr (out of memory, or an
    /// order the source cannot serve).
    void* (*alloc_pages)(void* ctx, unsigned order);
    void (*free_pages)(void* ctx, void* p, unsigned order);
    void* ctx;
};

class SlabCache;

/// Internal: the header at the start of every slab and every large heap block. The slab's
/// allocation bitmap (one bit per object, 1 = live) follows it directly.
struct SlabHeader {
    enum Kind : u8 { kSlab = 1, kLarge = 2 };
    static constexpr u64 kMagic = 0x5ab1'a110'c8ed'0b1eull;

    u64 cookie;       // kMagic ^ own address: a wild or stale pointer will not match
    SlabCache* cache; // kSlab: the owning cache
    ListNode node;    // kSlab: on the cache's partial, full or empty list
    u32 in_use;       // kSlab: live objects
    u8 kind;
    u8 order;         // block order (slab or large allocation)
    u16 spare;

    bool valid() const { return cookie == (kMagic ^ reinterpret_cast<uptr>(this)); }
    void seal() { cookie = kMagic ^ reinterpret_cast<uptr>(this); }
    u64* bitmap() { return reinterpret_cast<u64*>(this + 1); }
};
static_assert(sizeof(SlabHeader) == 40);

/// Fill patterns in debug builds (ARAMID_DEBUG): freed objects hold kPoisonFree, which alloc
/// checks (catching writes after free) before filling with kPoisonAlloc (catching reads of
/// uninitialised memory). The cost is one pass over the object per alloc and per free.
constexpr u8 kPoisonFree = 0x6b;
constexpr u8 kPoisonAlloc = 0xcc;

class SlabCache {
public:
    static constexpr unsigned kAutoOrder = ~0u;
    static constexpr unsigned kMaxSlabOrder = 3;  // slabs of up to 32 KiB
    static constexpr usize kMaxEmptySlabs = 2;    // kept by free() to absorb alloc/free churn
    static constexpr usize kMinAlign = 16;

    constexpr SlabCache() {}
    ARAMID_NOCOPY(SlabCache);

    /// `align` is 0 or a power of two <= 4096; objects are aligned to max(align, 16). With
    /// kAutoOrder the slab size is the smallest (up to 32 KiB) that wastes at most 1/8 of it.
    void init(const char* name, usize object_size, usize align, PageSource* source,
              unsigned slab_order = kAutoOrder);
    /// nullptr when the page source is exhausted.
    void* alloc();
    /// VERIFYs that `p` is a live object of this cache (magic, owner, offset, double free).
    void free(void* p);
    /// Releases every empty slab to the page source (free() already keeps at most kMaxEmptySlabs).
    void shrink();

    usize live_objects() const { return m_live; }
    usize pages() const { return m_slabs << m_order; }
    const char* name() const { return m_name; }
    /// Usable bytes per object (object_size rounded up to the alignment).
    usize object_size() const { return m_stride; }
    usize objects_per_slab() const { return m_capacity; }
    unsigned slab_order() const { return m_order; }
    /// object_size(), after VERIFYing that `p` is a live object of this cache.
    usize usable_size(const void* p) const;

private:
    enum State { kPartial, kFull, kEmpty, kStateCount };
    using SlabList = IntrusiveList<SlabHeader, &SlabHeader::node>;

    usize slab_bytes() const { return usize(kPageSize) << m_order; }
    State state_of(const SlabHeader& s) const;
    usize index_of(SlabHeader* s, const void* p) const;
    SlabHeader* header_of(const void* p) const;
    SlabHeader* grow();
    void release(SlabHeader* s);
    void move_if_changed(SlabHeader& s, State before);
    SlabList& list(State st) { return m_lists.lists[st]; }

    union Lists {  // constexpr-constructible; init() builds the lists
        constexpr Lists() : unused() {}
        char unused;
        SlabList lists[kStateCount];
    } m_lists;
    const char* m_name = nullptr;
    PageSource* m_source = nullptr;
    usize m_stride = 0;
    usize m_first = 0;     // offset of object 0 from the slab start
    usize m_capacity = 0;  // objects per slab
    usize m_words = 0;     // bitmap words per slab
    unsigned m_order = 0;
    usize m_slabs = 0;
    usize m_live = 0;
};

/// kmalloc: size classes served by single-page SlabCaches, larger requests by whole blocks from the
/// PageSource with a 64-byte header, so that align_down(p, 4096) always reaches a SlabHeader.
class Heap {
public:
    static constexpr usize kLargeHeaderBytes = 64;
    /// Any request may ask for this much alignment. Small requests are also naturally aligned to
    /// the largest power of two dividing their class size (up to 1024), so e.g. alloc(512, 512)
    /// works; a larger alignment that no class can serve is a kernel bug (VERIFY).
    static constexpr usize kMaxAlign = 64;
    static constexpr usize kClassSizes[] = {16,  32,  48,  64,  96,   128,  192,
                                            256, 384, 512, 768, 1024, 1344, 2016};
    static constexpr usize kClassCount = sizeof(kClassSizes) / sizeof(kClassSizes[0]);
    static constexpr unsigned kMaxLargeOrder = 20;  // the PageSource refuses what it cannot serve

    constexpr Heap() {}
    ARAMID_NOCOPY(Heap);

    void init(PageSource* source);
    /// nullptr when out of memory (or the size is absurd); size 0 yields a minimal object.
    void* alloc(usize size, usize align = 16);
    /// nullptr is ignored; anything else must be a live allocation from this heap (VERIFY).
    void free(void* p);
    /// Usable size of a live allocation (>= the requested size), like ksize().
    usize size_of(const void* p) const;
    void shrink();

    usize live_allocations() const { return m_live_allocations; }
    /// Sum of size_of() over live allocations.
    usize live_bytes() const { return m_live_bytes; }
    /// Pages held from the source: slabs (including empty reserves) plus large blocks.
    usize pages() const;
    const SlabCache& cache(usize i) const { return m_caches[i]; }

private:
    SlabHeader* header_of(const void* p) const;
    SlabCache* owning_cache(const SlabHeader* h) const;

    PageSource* m_source = nullptr;
    SlabCache m_caches[kClassCount];
    usize m_live_allocations = 0;
    usize m_live_bytes = 0;
    usize m_large_pages = 0;
};
