// SPDX-License-Identifier: MIT
// Kernel page-table operations: map, access, protect (a write then faults and is caught by the
// fixup table), unmap (a read then faults).
#include "arch/paging.h"
#include "arch/probe.h"
#include "arch/x86_64/layout.h"
#include "ktest/ktest.h"
#include "mm/kstack.h"
#include "mm/pmm.h"
#include "mm/user_ptr.h"

namespace {
// The top of the MMIO region is never handed out at boot; tests borrow it.
constexpr uptr kScratch = MMIO_REGION_BASE + MMIO_REGION_SIZE - 0x100000;
}  // namespace

KTEST(map_unmap_protect, "paging.map_unmap_protect") {
    auto page = pmm_alloc_zeroed(0);
    KASSERT(page.is_ok());
    PhysAddr pa = page.value();
    u8 v = 0;
    KEXPECT(!arch::probe_read_u8(kScratch, v));   // nothing there yet

    KASSERT(arch::kernel_map(kScratch, pa, kPageSize, arch::kPageWrite).is_ok());
    KEXPECT(arch::kernel_map(kScratch, pa, kPageSize, arch::kPageWrite).error_code() == EEXIST);
    KEXPECT(arch::probe_write_u8(kScratch + 100, 0x5a));
    KEXPECT_EQ(static_cast<u8*>(arch::phys_to_virt(pa))[100], 0x5a);   // same frame via the direct map
    auto t = arch::kernel_translate(kScratch + 100);
    KASSERT(t.is_ok());
    KEXPECT_EQ(t.value().value, pa.value + 100);

    KASSERT(arch::kernel_protect(kScratch, kPageSize, 0).is_ok());
    KEXPECT(arch::probe_read_u8(kScratch + 100, v));
    KEXPECT_EQ(v, 0x5a);
    KEXPECT(!arch::probe_write_u8(kScratch + 100, 1));   // read-only now: the write faults
    KEXPECT_EQ(static_cast<u8*>(arch::phys_to_virt(pa))[100], 0x5a);

    KASSERT(arch::kernel_protect(kScratch, kPageSize, arch::kPageWrite).is_ok());
    KEXPECT(arch::probe_write_u8(kScratch + 100, 7));

    arch::kernel_unmap(kScratch, kPageSize);
    KEXPECT(!arch::probe_read_u8(kScratch + 100, v));
    KEXPECT(arch::kernel_translate(kScratch).is_error());
    KEXPECT(arch::kernel_protect(kScratch, kPageSize, 0).error_code() == EFAULT);
    pmm_free(pa, 0);
}

KTEST(map_many, "paging.map_many_pages") {
    constexpr usize kPages = 300;   // crosses a page-table boundary
    usize free_before = pmm_free_pages();
    auto block = pmm_alloc(9);
    KASSERT(block.is_ok());
    uptr va = kScratch - 0x400000;
    KASSERT(arch::kernel_map(va, block.value(), kPages * kPageSize, arch::kPageWrite).is_ok());
    for (usize i = 0; i < kPages; i++) KEXPECT(arch::probe_write_u8(va + i * kPageSize, static_cast<u8>(i)));
    for (usize i = 0; i < kPages; i++)
        KEXPECT_EQ(static_cast<u8*>(arch::phys_to_virt(block.value()))[i * kPageSize], static_cast<u8>(i));
    arch::kernel_unmap(va, kPages * kPageSize);
    u8 v;
    KEXPECT(!arch::probe_read_u8(va, v));
    pmm_free(block.value(), 9);
    // Page-table pages stay (they are reused); allow them, nothing more.
    KEXPECT(pmm_free_pages() + 4 >= free_before);
}

KTEST(kstack_guard, "paging.kernel_stack_guard_page") {
    usize live = kstack_live_count();
    auto s = kstack_alloc();
    KASSERT(s.is_ok());
    KernelStack st = s.value();
    u8 v;
    KEXPECT(arch::probe_write_u8(st.bottom, 1));
    KEXPECT(arch::probe_write_u8(st.top - 1, 1));
    KEXPECT(!arch::probe_read_u8(st.bottom - 1, v));   // the guard page
    KEXPECT(kstack_is_guard(st.bottom - 1));
    KEXPECT(!kstack_is_guard(st.bottom));
    kstack_free(st);
    KEXPECT_EQ(kstack_live_count(), live);
}

// The user-copy helpers turn a fault into EFAULT through the fixup table (and never panic).
KTEST(user_copy_fault, "paging.user_copy_fault_is_efault") {
    u64 v = 0;
    KEXPECT_EQ(copy_from_user(&v, 0x10000, sizeof(v)).error_code(), EFAULT);              // unmapped
    KEXPECT_EQ(copy_to_user(0x20000, &v, sizeof(v)).error_code(), EFAULT);
    KEXPECT_EQ(copy_from_user(&v, 0xffff800000000000ull, 8).error_code(), EFAULT);        // kernel half
    KEXPECT_EQ(copy_from_user(&v, 0x00007ffffffffffcull, 8).error_code(), EFAULT);        // straddles the end
    KEXPECT_EQ(clear_user(0x30000, 64).error_code(), EFAULT);
    char s[16];
    KEXPECT_EQ(copy_string_from_user(s, sizeof(s), 0x40000).error_code(), EFAULT);
}
