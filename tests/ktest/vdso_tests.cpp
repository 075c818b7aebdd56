// SPDX-License-Identifier: MIT
// The vDSO mapping: exec-style mapping and fork share the kernel's pages and give every frame back
// when the address spaces go; the data page's clock agrees with the kernel's own clock reads.
#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "arch/vdso.h"
#include "arch/x86_64/cpu.h"
#include "core/time.h"
#include "exec/vdso.h"
#include "ktest/ktest.h"
#include "lib/string_view.h"
#include "lib/vdso_time.h"
#include "mm/address_space.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

namespace {
constexpr uptr kStackTop = 0x00007ff000000000ull;

// Maps the vDSO into a fresh address space, forks it, drops both; false on any error.
bool map_fork_drop(uptr& ehdr) {
    auto mm = AddressSpace::create();
    if (mm.is_error()) return false;
    auto base = vdso_map(*mm.value(), kStackTop);
    if (base.is_error()) return false;
    ehdr = base.value();
    auto child = mm.value()->fork();
    if (child.is_error()) return false;
    return mm.value()->resident_pages() == child.value()->resident_pages();
}
}  // namespace

KTEST(map_fork_free, "vdso.map_fork_gives_everything_back") {
    PhysAddr data = time_data_page();
    KASSERT(data.value);
    uptr ehdr = 0;
    KASSERT(map_fork_drop(ehdr));   // warm the slab caches the VMAs come from
    u32 refs = page_refcount(data);
    usize free_before = pmm_free_pages();
    for (int i = 0; i < 100; i++) KASSERT(map_fork_drop(ehdr));
    KEXPECT_EQ(page_refcount(data), refs);
    KEXPECT_EQ(pmm_free_pages(), free_before);
    // Placed as Linux's vdso_addr does: within the 2 MiB stretch above the stack top.
    KEXPECT(ehdr > kStackTop && ehdr < kStackTop + (2ull << 20));
}

KTEST(layout, "vdso.vvar_below_image") {
    auto mm = AddressSpace::create();
    KASSERT(mm.is_ok());
    auto base = vdso_map(*mm.value(), kStackTop);
    KASSERT(base.is_ok());
    int seen = 0;
    mm.value()->for_each_vma([&](const Vma& v) {
        if (v.end == base.value()) {
            KEXPECT(StringView(v.name) == StringView("[vvar]"));
            KEXPECT_EQ(v.prot, u32(PROT_READ));
            seen++;
        } else if (v.start == base.value()) {
            KEXPECT(StringView(v.name) == StringView("[vdso]"));
            KEXPECT_EQ(v.prot, u32(PROT_READ | PROT_EXEC));
            KEXPECT_EQ(v.end - v.start, align_up(arch::vdso_image().size(), kPageSize));
            seen++;
        }
    });
    KEXPECT_EQ(seen, 2);
    KEXPECT_EQ(mm.value()->protect(base.value() - kPageSize, kPageSize, PROT_READ | PROT_WRITE).error_code(), EACCES);
}

KTEST(clock_agrees, "vdso.data_page_clock_agrees_with_the_kernel") {
    auto* d = static_cast<const VdsoData*>(arch::phys_to_virt(time_data_page()));
    for (int i = 0; i < 1000; i++) {
        u64 k1 = monotonic_ns();
        VdsoTimespec v = vdso_read(d, [](const VdsoData* x) { return vdso_hres_at(x86::rdtsc(), x->counter_last, x->mult, x->base[0]); });
        u64 k2 = monotonic_ns();
        u64 vn = static_cast<u64>(v.sec) * kNsPerSecond + static_cast<u64>(v.nsec);
        KEXPECT(k1 <= vn && vn <= k2);
        Timespec r1 = realtime_now();
        VdsoTimespec rv = vdso_read(d, [](const VdsoData* x) {
            return vdso_hres_at(x86::rdtsc(), x->counter_last, x->mult, x->base[1]);
        });
        Timespec r2 = realtime_now();
        KEXPECT(r1.sec < rv.sec || (r1.sec == rv.sec && r1.nsec <= rv.nsec));
        KEXPECT(rv.sec < r2.sec || (rv.sec == r2.sec && rv.nsec <= r2.nsec));
    }
    time_tick();
    Timespec c = monotonic_coarse_now(), f = monotonic_now();
    KEXPECT(c.sec < f.sec || (c.sec == f.sec && c.nsec <= f.nsec));
}
