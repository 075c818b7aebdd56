// SPDX-License-Identifier: MIT
// Allocator stress under the real kernel: the heap and the buddy allocator with contents checked.
#include "ktest/ktest.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

namespace {

struct Rng {
    u64 s;
    u64 next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
};

struct Slot {
    u8* p;
    usize size;
    u8 tag;
};

}  // namespace

KTEST(heap_stress, "alloc.heap_stress_100k") {
    constexpr usize kSlots = 512;
    static Slot slots[kSlots];
    HeapStats before = kheap_stats();
    Rng rng{0x1234567};
    usize ops = 0, live = 0;
    for (ops = 0; ops < 100000; ops++) {
        Slot& s = slots[rng.next() % kSlots];
        if (s.p) {
            for (usize i = 0; i < s.size; i++) {
                if (s.p[i] != static_cast<u8>(s.tag + i)) {
                    KEXPECT(!"heap object contents changed while allocated");
                    break;
                }
            }
            kfree(s.p);
            s.p = nullptr;
            live--;
        } else {
            u64 r = rng.next();
            // Mostly small objects, sometimes up to 16 KiB (the large-block path).
            s.size = (r % 8 == 0) ? 1 + r % 16384 : 1 + r % 512;
            s.tag = static_cast<u8>(r >> 32);
            s.p = static_cast<u8*>(kmalloc(s.size));
            KASSERT(s.p != nullptr);
            KEXPECT((reinterpret_cast<uptr>(s.p) & 15) == 0);
            for (usize i = 0; i < s.size; i++) s.p[i] = static_cast<u8>(s.tag + i);
            live++;
        }
    }
    for (Slot& s : slots) {
        kfree(s.p);
        s.p = nullptr;
    }
    HeapStats after = kheap_stats();
    KEXPECT_EQ(after.live_allocations, before.live_allocations);
    KEXPECT_EQ(after.live_bytes, before.live_bytes);
}

KTEST(buddy_orders, "alloc.buddy_orders") {
    usize free_before = pmm_free_pages();
    PhysAddr blocks[11];
    for (unsigned order = 0; order < 11; order++) {
        auto r = pmm_alloc(order);
        KASSERT(r.is_ok());
        blocks[order] = r.value();
        KEXPECT((blocks[order].value & ((kPageSize << order) - 1)) == 0);
    }
    KEXPECT_EQ(pmm_free_pages(), free_before - ((1u << 11) - 1));
    for (unsigned order = 0; order < 11; order++) pmm_free(blocks[order], order);
    KEXPECT_EQ(pmm_free_pages(), free_before);
    KEXPECT(pmm_alloc(11).error_code() == EINVAL);
}

KTEST(heap_enomem, "alloc.heap_absurd_size_is_enomem") {
    KEXPECT(kmalloc(usize(1) << 40) == nullptr);
    auto r = try_make<u64>(5ull);
    KASSERT(r.is_ok());
    KEXPECT_EQ(*r.value(), 5ull);
    delete r.value();
}
