// SPDX-License-Identifier: MIT
// kmalloc/kfree over the slab heap, and the nothrow `new` that feeds Result: allocation can fail
// and ENOMEM reaches user space.
#pragma once

#include <new>
#include <utility>

#include "lib/result.h"

void kheap_init();
void* kmalloc(usize size, usize align = 16);
void* kzalloc(usize size);
void kfree(void* p);

struct HeapStats {
    usize live_allocations;
    usize live_bytes;
    usize pages;
};
HeapStats kheap_stats();

// Allocates and constructs a T, or returns ENOMEM.
template <typename T, typename... Args>
Result<T*> try_make(Args&&... args) {
    T* p = new (std::nothrow) T(std::forward<Args>(args)...);
    if (!p) return Error(ENOMEM);
    return p;
}
