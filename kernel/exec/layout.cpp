// SPDX-License-Identifier: MIT
#include "exec/layout.h"

#include <linux/personality.h>

namespace {

constexpr u64 kPage = 4096;
constexpr u64 kTaskSize = 0x00007ffffffff000ull;       // DEFAULT_MAP_WINDOW: 47 bits less a guard page
constexpr u64 kStackRndMask = 0x3fffff;                // 22 bits of pages: stack top moves by up to 16 GiB
constexpr u64 kMmapRndBits = 28;                       // mmap_rnd_bits default on x86_64
constexpr u64 kStackGuardGap = 256 * kPage;            // stack_guard_gap
constexpr u64 kMinGap = 128ull << 20;
constexpr u64 kMaxGap = kTaskSize / 6 * 5;
constexpr u64 kEtDynBase = kTaskSize / 3 * 2;          // ELF_ET_DYN_BASE, aligned down later
constexpr u64 kBrkRange = 0x02000000;                  // arch_randomize_brk: 32 MiB

u64 page_up(u64 v) { return (v + kPage - 1) & ~(kPage - 1); }

}  // namespace

ExecLayout exec_layout(u32 personality, int randomize_va_space, u64 rlimit_stack, u64 (*random)()) {
    ExecLayout l{};
    l.randomize = !(personality & ADDR_NO_RANDOMIZE) && randomize_va_space != 0;
    l.randomize_brk = l.randomize && randomize_va_space > 1;
    l.stack_top = kTaskSize;
    if (l.randomize) l.stack_top -= (random() & kStackRndMask) * kPage;
    // The mmap area starts below the largest stack the limit allows, plus the stack's random
    // range and guard gap, clamped to [128 MiB, 5/6 of the address space].
    u64 gap = rlimit_stack;
    u64 pad = (l.randomize ? (kStackRndMask + 1) * kPage : 0) + kStackGuardGap;
    if (gap + pad > gap) gap += pad;
    if (gap < kMinGap) gap = kMinGap;
    if (gap > kMaxGap) gap = kMaxGap;
    u64 mmap_rnd = l.randomize ? (random() & ((1ull << kMmapRndBits) - 1)) * kPage : 0;
    l.mmap_base = page_up(kTaskSize - gap - mmap_rnd);
    l.et_dyn_base = kEtDynBase + (l.randomize ? (random() & ((1ull << kMmapRndBits) - 1)) * kPage : 0);
    return l;
}

u64 exec_brk_start(const ExecLayout& l, u64 end_of_segments, bool static_pie, u64 (*random)()) {
    u64 brk = page_up(end_of_segments);
    if (!l.randomize_brk) return brk;
    if (static_pie) brk = page_up(kEtDynBase);
    // randomize_page(brk, 32 MiB): a random page in [brk, brk + 32 MiB).
    return brk + (random() % (kBrkRange / kPage)) * kPage;
}
