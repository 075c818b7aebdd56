// SPDX-License-Identifier: MIT
#include "mm/kheap.h"

#include "arch/paging.h"
#include "core/log.h"
#include "mm/pmm.h"
#include "mm/slab.h"
#include "sync/spinlock.h"

namespace {

Spinlock g_heap_lock(LockRank::Heap, "heap");
constinit Heap g_heap;
PageSource g_source;
bool g_ready = false;

void* source_alloc(void*, unsigned order) {
    auto p = pmm_alloc(order);
    if (p.is_error()) return nullptr;
    return arch::phys_to_virt(p.value());
}

void source_free(void*, void* p, unsigned order) { pmm_free(arch::virt_to_phys_direct(p), order); }

}  // namespace

void kheap_init() {
    g_source = PageSource{source_alloc, source_free, nullptr};
    g_heap.init(&g_source);
    g_ready = true;
}

void* kmalloc(usize size, usize align) {
    VERIFY(g_ready);
    SpinlockGuard g(g_heap_lock);
    return g_heap.alloc(size, align);
}

void* kzalloc(usize size) {
    void* p = kmalloc(size);
    if (p) __builtin_memset(p, 0, size);
    return p;
}

void kfree(void* p) {
    if (!p) return;
    SpinlockGuard g(g_heap_lock);
    g_heap.free(p);
}

HeapStats kheap_stats() {
    SpinlockGuard g(g_heap_lock);
    return HeapStats{g_heap.live_allocations(), g_heap.live_bytes(), g_heap.pages()};
}

// Kernel operator new never throws: failure is nullptr, turned into ENOMEM by try_make.
void* operator new(usize size, const std::nothrow_t&) noexcept { return kmalloc(size); }
void* operator new[](usize size, const std::nothrow_t&) noexcept { return kmalloc(size); }
void* operator new(usize size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return kmalloc(size, static_cast<usize>(al));
}
void operator delete(void* p) noexcept { kfree(p); }
void operator delete[](void* p) noexcept { kfree(p); }
void operator delete(void* p, usize) noexcept { kfree(p); }
void operator delete[](void* p, usize) noexcept { kfree(p); }
void operator delete(void* p, std::align_val_t) noexcept { kfree(p); }
void operator delete(void* p, usize, std::align_val_t) noexcept { kfree(p); }

// libsupc++ normally provides this tag object; the kernel links without it.
namespace std {
const nothrow_t nothrow{};
}
