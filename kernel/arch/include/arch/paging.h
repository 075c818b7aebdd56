// SPDX-License-Identifier: MIT
// Kernel address-space operations generic code uses. Addresses in the kernel half only; user
// address spaces come with the user-space issue.
#pragma once

#include "lib/result.h"

namespace arch {

enum PageFlags : u32 {
    kPageWrite = 1u << 0,
    kPageExec = 1u << 1,
    kPageUser = 1u << 2,
    kPageNoCache = 1u << 3,   // MMIO
    kPageGlobal = 1u << 4,
};

u64 direct_map_base();

// Boot: builds the kernel page tables (direct map of RAM, image, region roots) and loads them.
void paging_init();
u64 kernel_pml4_phys();
inline void* phys_to_virt(PhysAddr p) { return reinterpret_cast<void*>(p.value + direct_map_base()); }
inline PhysAddr virt_to_phys_direct(const void* v) { return PhysAddr(reinterpret_cast<u64>(v) - direct_map_base()); }

// Maps [va, va+size) to [pa, pa+size) in the kernel page tables with 4 KiB pages. Fails with
// EEXIST when a page is already mapped, ENOMEM when a page table cannot be allocated (in which
// case nothing stays mapped).
Result<void> kernel_map(uptr va, PhysAddr pa, usize size, u32 flags);
// Unmaps (missing pages are ignored) and flushes the TLB for the range.
void kernel_unmap(uptr va, usize size);
// Changes the flags of mapped pages; EFAULT if a page in the range is not mapped.
Result<void> kernel_protect(uptr va, usize size, u32 flags);
// Physical address of a mapped kernel page, or an error (EFAULT) when unmapped.
Result<PhysAddr> kernel_translate(uptr va);

}  // namespace arch
