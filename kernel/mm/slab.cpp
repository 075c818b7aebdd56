// SPDX-License-Identifier: MIT
// Slab caches and the kmalloc Heap. Allocation state lives in a per-slab bitmap rather than a free
// list threaded through free objects, so a write after free cannot corrupt the allocator and every
// double free is caught. Caches prefer partial slabs to keep the footprint dense.
#include "mm/slab.h"

#include <bit>

namespace {

// Not std::has_single_bit: with -mgeneral-regs-only it becomes a libgcc __popcountdi2 call.
constexpr bool is_power_of_two(usize x) { return x && !(x & (x - 1)); }

// Debug-only fills and checks; see kPoisonFree in slab.h.
[[maybe_unused]] void fill(void* p, u8 byte, usize n) { __builtin_memset(p, byte, n); }
[[maybe_unused]] bool all_bytes_are(const void* p, u8 byte, usize n) {
    const u8* b = static_cast<const u8*>(p);
    for (usize i = 0; i < n; i++)
        if (b[i] != byte)
            return false;
    return true;
}

struct Layout {
    usize capacity;
    usize first;
};

// How many objects of `stride` bytes fit in a slab of 4096 << order bytes behind the header and
// its bitmap, and where object 0 starts (aligned to `align`).
Layout layout_for(usize stride, usize align, unsigned order) {
    const usize bytes = usize(kPageSize) << order;
    for (usize n = bytes / stride; n > 0; n--) {
        const usize first = align_up(sizeof(SlabHeader) + 8 * ((n + 63) / 64), align);
        if (first + n * stride <= bytes)
            return {n, first};
    }
    return {0, 0};
}

} // namespace

void SlabCache::init(const char* name, usize object_size, usize align, PageSource* source,
                     unsigned slab_order) {
    VERIFY(source && source->alloc_pages && source->free_pages);
    VERIFY(align == 0 || is_power_of_two(align));
    align = max(align, kMinAlign);
    VERIFY(align <= kPageSize);
    VERIFY(object_size > 0 && object_size <= (usize(kPageSize) << kMaxSlabOrder));
    m_stride = align_up(object_size, align);

    if (slab_order == kAutoOrder) {
        // Smallest slab wasting at most 1/8; failing that, the least wasteful ratio.
        usize best_waste = 0, best_bytes = 0;
        for (unsigned k = 0; k <= kMaxSlabOrder; k++) {
            const usize bytes = usize(kPageSize) << k;
            const Layout l = layout_for(m_stride, align, k);
            if (l.capacity == 0)
                continue;
            const usize waste = bytes - l.capacity * m_stride;
            if (best_bytes == 0 || waste * best_bytes < best_waste * bytes) {
                best_waste = waste;
                best_bytes = bytes;
                slab_order = k;
            }
            if (waste * 8 <= bytes)
                break;
        }
    }
    VERIFY(slab_order <= kMaxSlabOrder);
    const Layout l = layout_for(m_stride, align, slab_order);
    VERIFY(l.capacity > 0); // object too large for the requested slab order

    for (auto& lst : m_lists.lists)
        new (&lst) SlabList();
    m_name = name;
    m_source = source;
    m_order = slab_order;
    m_capacity = l.capacity;
    m_first = l.first;
    m_words = (l.capacity + 63) / 64;
    m_slabs = 0;
    m_live = 0;
}

SlabCache::State SlabCache::state_of(const SlabHeader& s) const {
    if (s.in_use == 0)
        return kEmpty;
    return s.in_use == m_capacity ? kFull : kPartial;
}

void SlabCache::move_if_changed(SlabHeader& s, State before) {
    const State after = state_of(s);
    if (after == before)
        return;
    list(before).remove(s);
    list(after).push_front(s);
}

SlabHeader* SlabCache::grow() {
    void* mem = m_source->alloc_pages(m_source->ctx, m_order);
    if (!mem)
        return nullptr;
    VERIFY(is_aligned(reinterpret_cast<uptr>(mem), slab_bytes())); // PageSource contract
    auto* s = new (mem) SlabHeader{};
    s->cache = this;
    s->kind = SlabHeader::kSlab;
    s->order = u8(m_order);
    s->seal();
    u64* bits = s->bitmap();
    for (usize w = 0; w < m_words; w++)
        bits[w] = 0;
    // Bits past the capacity read as live so the free-slot search never returns them.
    if (m_capacity % 64)
        bits[m_words - 1] = ~u64(0) << (m_capacity % 64);
#ifdef ARAMID_DEBUG
    fill(static_cast<u8*>(mem) + m_first, kPoisonFree, m_capacity * m_stride);
#endif
    list(kEmpty).push_front(*s);
    m_slabs++;
    return s;
}

void SlabCache::release(SlabHeader* s) {
    s->cookie = 0; // a later free() through a stale pointer fails the magic check
    m_slabs--;
    m_source->free_pages(m_source->ctx, s, m_order);
}

void* SlabCache::alloc() {
    SlabHeader* s = list(kPartial).first();
    if (!s)
        s = list(kEmpty).first();
    if (!s)
        s = grow();
    if (!s)
        return nullptr;

    const State before = state_of(*s);
    u64* bits = s->bitmap();
    usize w = 0;
    while (w < m_words && bits[w] == ~u64(0))
        w++;
    VERIFY(w < m_words); // a partial or empty slab must have a clear bit
    const usize bit = std::countr_one(bits[w]);
    const usize index = w * 64 + bit;
    VERIFY(index < m_capacity);
    bits[w] |= u64(1) << bit;
    s->in_use++;
    m_live++;
    move_if_changed(*s, before);

    void* p = reinterpret_cast<u8*>(s) + m_first + index * m_stride;
#ifdef ARAMID_DEBUG
    VERIFY(all_bytes_are(p, kPoisonFree, m_stride)); // written after it was freed
    fill(p, kPoisonAlloc, m_stride);
#endif
    return p;
}

SlabHeader* SlabCache::header_of(const void* p) const {
    return reinterpret_cast<SlabHeader*>(align_down(reinterpret_cast<uptr>(p), slab_bytes()));
}

usize SlabCache::index_of(SlabHeader* s, const void* p) const {
    VERIFY(s->valid());                  // wild pointer, or its slab was released
    VERIFY(s->kind == SlabHeader::kSlab);
    VERIFY(s->cache == this);            // freed to the wrong cache
    const uptr a = reinterpret_cast<uptr>(p), first = reinterpret_cast<uptr>(s) + m_first;
    VERIFY(a >= first && (a - first) % m_stride == 0); // not the start of an object
    const usize index = (a - first) / m_stride;
    VERIFY(index < m_capacity);
    return index;
}

void SlabCache::free(void* p) {
    SlabHeader* s = header_of(p);
    const usize index = index_of(s, p);
    u64& word = s->bitmap()[index / 64];
    const u64 mask = u64(1) << (index % 64);
    VERIFY(word & mask); // double free
    const State before = state_of(*s);
    word &= ~mask;
    s->in_use--;
    m_live--;
#ifdef ARAMID_DEBUG
    fill(p, kPoisonFree, m_stride);
#endif
    move_if_changed(*s, before);
    if (s->in_use == 0 && list(kEmpty).size() > kMaxEmptySlabs) {
        list(kEmpty).remove(*s);
        release(s);
    }
}

usize SlabCache::usable_size(const void* p) const {
    SlabHeader* s = header_of(p);
    const usize index = index_of(s, p);
    VERIFY(s->bitmap()[index / 64] & (u64(1) << (index % 64))); // not live
    return m_stride;
}

void SlabCache::shrink() {
    while (SlabHeader* s = list(kEmpty).pop_front())
        release(s);
}

// ---- Heap ----

void Heap::init(PageSource* source) {
    static constexpr const char* kNames[kClassCount] = {
        "kmalloc-16",  "kmalloc-32",  "kmalloc-48",   "kmalloc-64",   "kmalloc-96",
        "kmalloc-128", "kmalloc-192", "kmalloc-256",  "kmalloc-384",  "kmalloc-512",
        "kmalloc-768", "kmalloc-1k",  "kmalloc-1344", "kmalloc-2016"};
    m_source = source;
    // Single-page slabs: that is what lets free() find any header with align_down(p, 4096).
    // Aligning each class to its lowest set bit costs no capacity and gives natural alignment.
    for (usize i = 0; i < kClassCount; i++)
        m_caches[i].init(kNames[i], kClassSizes[i], usize(1) << std::countr_zero(kClassSizes[i]),
                         source, 0);
    m_live_allocations = m_live_bytes = m_large_pages = 0;
}

void* Heap::alloc(usize size, usize align) {
    VERIFY(is_power_of_two(align));
    size = max<usize>(size, 1);
    for (usize i = 0; i < kClassCount; i++) {
        const usize c = kClassSizes[i];
        if (c < size || (usize(1) << std::countr_zero(c)) < align)
            continue;
        void* p = m_caches[i].alloc();
        if (p) {
            m_live_allocations++;
            m_live_bytes += c;
        }
        return p;
    }

    VERIFY(align <= kMaxAlign); // no size class can give this alignment
    unsigned order = 0;
    while (order <= kMaxLargeOrder && (usize(kPageSize) << order) - kLargeHeaderBytes < size)
        order++;
    if (order > kMaxLargeOrder)
        return nullptr;
    void* block = m_source->alloc_pages(m_source->ctx, order);
    if (!block)
        return nullptr;
    VERIFY(is_aligned(reinterpret_cast<uptr>(block), kPageSize)); // PageSource contract
    auto* h = new (block) SlabHeader{};
    h->kind = SlabHeader::kLarge;
    h->order = u8(order);
    h->seal();
    const usize usable = (usize(kPageSize) << order) - kLargeHeaderBytes;
    void* p = static_cast<u8*>(block) + kLargeHeaderBytes;
#ifdef ARAMID_DEBUG
    fill(p, kPoisonAlloc, usable);
#endif
    m_large_pages += usize(1) << order;
    m_live_allocations++;
    m_live_bytes += usable;
    return p;
}

SlabHeader* Heap::header_of(const void* p) const {
    auto* h = reinterpret_cast<SlabHeader*>(align_down(reinterpret_cast<uptr>(p), kPageSize));
    VERIFY(h->valid()); // wild pointer, or a large block freed twice
    return h;
}

SlabCache* Heap::owning_cache(const SlabHeader* h) const {
    const uptr c = reinterpret_cast<uptr>(h->cache), base = reinterpret_cast<uptr>(&m_caches[0]);
    VERIFY(c >= base && c - base < sizeof(m_caches) && (c - base) % sizeof(SlabCache) == 0);
    return h->cache;
}

void Heap::free(void* p) {
    if (!p)
        return;
    SlabHeader* h = header_of(p);
    if (h->kind == SlabHeader::kSlab) {
        SlabCache* c = owning_cache(h);
        c->free(p);
        m_live_allocations--;
        m_live_bytes -= c->object_size();
        return;
    }
    VERIFY(h->kind == SlabHeader::kLarge);
    VERIFY(p == reinterpret_cast<u8*>(h) + kLargeHeaderBytes);
    const unsigned order = h->order;
    const usize usable = (usize(kPageSize) << order) - kLargeHeaderBytes;
#ifdef ARAMID_DEBUG
    fill(p, kPoisonFree, usable);
#endif
    h->cookie = 0;
    m_large_pages -= usize(1) << order;
    m_live_allocations--;
    m_live_bytes -= usable;
    m_source->free_pages(m_source->ctx, h, order);
}

usize Heap::size_of(const void* p) const {
    SlabHeader* h = header_of(p);
    if (h->kind == SlabHeader::kSlab)
        return owning_cache(h)->usable_size(p);
    VERIFY(h->kind == SlabHeader::kLarge);
    VERIFY(p == reinterpret_cast<u8*>(h) + kLargeHeaderBytes);
    return (usize(kPageSize) << h->order) - kLargeHeaderBytes;
}

void Heap::shrink() {
    for (auto& c : m_caches)
        c.shrink();
}

usize Heap::pages() const {
    usize n = m_large_pages;
    for (const auto& c : m_caches)
        n += c.pages();
    return n;
}
