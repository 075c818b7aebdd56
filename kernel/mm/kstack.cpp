// SPDX-License-Identifier: MIT
// Slots of 32 KiB in the region: [guard page][unmapped padding][16 KiB stack]. A bitmap hands out
// slots; freed slots are reused so the region never runs out under churn.
#include "mm/kstack.h"

#include "arch/paging.h"
#include "arch/x86_64/layout.h"
#include "lib/bitmap.h"
#include "mm/pmm.h"
#include "sync/spinlock.h"

namespace {

constexpr usize kSlotSize = 32 * 1024;
constexpr usize kMaxStacks = 16384;
constexpr unsigned kStackOrder = 2;   // 16 KiB, physically contiguous
static_assert((kPageSize << kStackOrder) == KernelStack::kSize);

Spinlock g_lock(LockRank::KernelVm, "kstack-slots");
Bitmap<kMaxStacks> g_slots;
usize g_live = 0;

}  // namespace

Result<KernelStack> kstack_alloc() {
    usize slot;
    {
        SpinlockGuard g(g_lock);
        slot = g_slots.find_first(false);
        if (slot == g_slots.size()) return Error(ENOMEM);
        g_slots.set(slot);
        g_live++;
    }
    uptr top = KSTACK_REGION_BASE + (slot + 1) * kSlotSize;
    uptr bottom = top - KernelStack::kSize;
    auto mem = pmm_alloc(kStackOrder);
    if (mem.is_ok()) {
        auto mapped = arch::kernel_map(bottom, mem.value(), KernelStack::kSize, arch::kPageWrite);
        if (mapped.is_ok()) return KernelStack{bottom, top};
        pmm_free(mem.value(), kStackOrder);
    }
    SpinlockGuard g(g_lock);
    g_slots.set(slot, false);
    g_live--;
    return Error(ENOMEM);
}

void kstack_free(KernelStack& s) {
    if (!s.bottom) return;
    PhysAddr phys = MUST(arch::kernel_translate(s.bottom));
    arch::kernel_unmap(s.bottom, KernelStack::kSize);
    pmm_free(phys, kStackOrder);
    usize slot = (s.top - KSTACK_REGION_BASE) / kSlotSize - 1;
    SpinlockGuard g(g_lock);
    g_slots.set(slot, false);
    g_live--;
    s = KernelStack{};
}

usize kstack_live_count() {
    SpinlockGuard g(g_lock);
    return g_live;
}

bool kstack_is_guard(uptr addr) {
    if (addr < KSTACK_REGION_BASE || addr >= KSTACK_REGION_BASE + kMaxStacks * kSlotSize) return false;
    return (addr - KSTACK_REGION_BASE) % kSlotSize < kSlotSize - KernelStack::kSize;
}
