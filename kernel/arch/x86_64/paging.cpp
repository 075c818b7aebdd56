// SPDX-License-Identifier: MIT
// Kernel page tables: all RAM direct-mapped at DIRECT_MAP_BASE with 2 MiB pages, the image at
// -2 GiB with 4 KiB pages and per-section permissions (text RX, rodata R, data RW, all but text
// NX), and pre-made top-level entries for every kernel region so that user address spaces can
// share the kernel half by copying PML4 entries 256-511 once.
#include "arch/paging.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "core/boot_info.h"
#include "core/log.h"
#include "core/panic.h"
#include "sync/spinlock.h"
#include "mm/pmm.h"


extern "C" const u8 __kernel_start[], __text_start[], __text_end[], __rodata_start[], __rodata_end[],
    __data_start[], __kernel_end[];

namespace {

constexpr u64 kPresent = 1, kWrite = 2, kUser = 4, kPwt = 8, kPcd = 16, kHuge = 128, kGlobal = 256;
constexpr u64 kNoExec = 1ull << 63;
constexpr u64 kAddrMask = 0x000ffffffffff000ull;

u64 g_kernel_pml4_phys = 0;
bool g_nx = false;
Spinlock g_kvm_lock(LockRank::KernelVm, "kernel-vm");

u64* table_virt(u64 phys) { return static_cast<u64*>(arch::phys_to_virt(PhysAddr(phys))); }

Result<u64> new_table() {
    if (pmm_ready()) return TRY(pmm_alloc_zeroed(0)).value;
    return early_alloc_page().value;
}

unsigned index_of(uptr va, unsigned level) { return (va >> (12 + 9 * level)) & 511; }

// Returns the level-0 (PT) entry for va, creating tables on the way when create is set.
Result<u64*> walk(uptr va, bool create) {
    u64* table = table_virt(g_kernel_pml4_phys);
    for (unsigned level = 3; level > 0; level--) {
        u64& e = table[index_of(va, level)];
        if (!(e & kPresent)) {
            if (!create) return Error(EFAULT);
            u64 t = TRY(new_table());
            e = t | kPresent | kWrite;
        } else if (e & kHuge) {
            return Error(EEXIST);   // inside a large page (the direct map): not ours to split
        }
        table = table_virt(e & kAddrMask);
    }
    return &table[index_of(va, 0)];
}

u64 pte_flags(u32 flags) {
    u64 f = kPresent | kGlobal;
    if (flags & arch::kPageWrite) f |= kWrite;
    if (flags & arch::kPageUser) f |= kUser;
    if (flags & arch::kPageNoCache) f |= kPcd | kPwt;
    if (!(flags & arch::kPageExec) && g_nx) f |= kNoExec;
    return f;
}

void map_image_range(const u8* start, const u8* end, u32 flags) {
    for (uptr va = reinterpret_cast<uptr>(start); va < reinterpret_cast<uptr>(end); va += kPageSize) {
        u64* pte = MUST(walk(va, true));
        *pte = (va - KERNEL_VBASE) | pte_flags(flags);
    }
}

}  // namespace

namespace arch {
void paging_init() {
    g_nx = x86::rdmsr(x86::kMsrEfer) & (1u << 11);
    g_kernel_pml4_phys = early_alloc_page().value;
    u64* pml4 = table_virt(g_kernel_pml4_phys);

    // Direct map: every RAM or ACPI range from the firmware map, widened to 2 MiB pages.
    const BootInfo& bi = g_boot_info;
    for (usize i = 0; i < bi.range_count; i++) {
        const MemoryRange& m = bi.ranges[i];
        if (m.type != MemoryRange::Usable && m.type != MemoryRange::AcpiReclaimable && m.type != MemoryRange::AcpiNvs)
            continue;
        if (m.size == 0 || m.base + m.size < m.base) continue;
        u64 end = align_up(m.base + m.size, 1ull << 21);
        for (u64 pa = align_down(m.base, 1ull << 21); pa < end; pa += 1ull << 21) {
            uptr va = DIRECT_MAP_BASE + pa;
            u64* t = pml4;
            for (unsigned level = 3; level > 1; level--) {
                u64& e = t[index_of(va, level)];
                if (!(e & kPresent)) e = early_alloc_page().value | kPresent | kWrite;
                t = table_virt(e & kAddrMask);
            }
            t[index_of(va, 1)] = pa | kPresent | kWrite | kHuge | kGlobal | (g_nx ? kNoExec : 0);
        }
    }

    // Kernel image with per-section permissions. The boot trampoline's data (GDT, page tables)
    // is no longer executed, so [start, text) is plain data.
    map_image_range(__kernel_start, __text_start, arch::kPageWrite);
    map_image_range(__text_start, __text_end, arch::kPageExec);
    map_image_range(__rodata_start, __rodata_end, 0);
    map_image_range(__data_start, __kernel_end, arch::kPageWrite);

    // Top-level entries for the kernel-stack and MMIO regions exist from now on.
    for (uptr base : {uptr(KSTACK_REGION_BASE), uptr(MMIO_REGION_BASE)}) {
        u64& e = pml4[index_of(base, 3)];
        if (!(e & kPresent)) e = early_alloc_page().value | kPresent | kWrite;
    }

    x86::write_cr3(g_kernel_pml4_phys);
}

u64 kernel_pml4_phys() { return g_kernel_pml4_phys; }

u64 direct_map_base() { return DIRECT_MAP_BASE; }

Result<void> kernel_map(uptr va, PhysAddr pa, usize size, u32 flags) {
    VERIFY(is_aligned(va, kPageSize) && is_aligned(pa.value, kPageSize));
    SpinlockGuard g(g_kvm_lock);
    for (usize off = 0; off < size; off += kPageSize) {
        auto pte = walk(va + off, true);
        int err = pte.is_error() ? pte.error_code() : ((*pte.value() & kPresent) ? EEXIST : 0);
        if (err) {
            // Undo what this call mapped so a failure leaves no half-done range.
            for (usize o = 0; o < off; o += kPageSize) {
                *MUST(walk(va + o, false)) = 0;
                x86::invlpg(va + o);
            }
            return Error(err);
        }
        *pte.value() = (pa.value + off) | pte_flags(flags);
    }
    return {};
}

void kernel_unmap(uptr va, usize size) {
    SpinlockGuard g(g_kvm_lock);
    for (usize off = 0; off < size; off += kPageSize) {
        auto pte = walk(va + off, false);
        if (pte.is_error()) continue;
        *pte.value() = 0;
        x86::invlpg(va + off);
    }
}

Result<void> kernel_protect(uptr va, usize size, u32 flags) {
    SpinlockGuard g(g_kvm_lock);
    for (usize off = 0; off < size; off += kPageSize) {
        u64* pte = TRY(walk(va + off, false));
        if (!(*pte & kPresent)) return Error(EFAULT);
    }
    for (usize off = 0; off < size; off += kPageSize) {
        u64* pte = MUST(walk(va + off, false));
        *pte = (*pte & kAddrMask) | pte_flags(flags);
        x86::invlpg(va + off);
    }
    return {};
}

Result<PhysAddr> kernel_translate(uptr va) {
    SpinlockGuard g(g_kvm_lock);
    u64* table = table_virt(g_kernel_pml4_phys);
    for (unsigned level = 3; level > 0; level--) {
        u64 e = table[index_of(va, level)];
        if (!(e & kPresent)) return Error(EFAULT);
        if (e & kHuge) {
            u64 span = 1ull << (12 + 9 * level);
            return PhysAddr((e & kAddrMask & ~(span - 1)) + (va & (span - 1)));
        }
        table = table_virt(e & kAddrMask);
    }
    u64 e = table[index_of(va, 0)];
    if (!(e & kPresent)) return Error(EFAULT);
    return PhysAddr((e & kAddrMask) + (va & (kPageSize - 1)));
}

}  // namespace arch
