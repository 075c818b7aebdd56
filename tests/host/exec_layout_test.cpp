// SPDX-License-Identifier: MIT
// Exec layout rules against the figures Linux 6.1 gives on x86_64 (gdb's familiar addresses when
// randomization is off; the ranges when it is on).
#include <gtest/gtest.h>
#include <linux/personality.h>

#include "exec/layout.h"

namespace {
u64 zero() { return 0; }
u64 ones() { return ~0ull; }
}  // namespace

TEST(ExecLayout, NoRandomizationGivesLinuxFixedAddresses) {
    ExecLayout l = exec_layout(ADDR_NO_RANDOMIZE, 2, 8ull << 20, ones);
    EXPECT_FALSE(l.randomize);
    EXPECT_EQ(l.stack_top, 0x7ffffffff000ull);
    EXPECT_EQ(l.mmap_base, 0x7ffff7fff000ull);   // 128 MiB minimum gap below the stack
    EXPECT_EQ(l.et_dyn_base & ~0xfffull, 0x555555554000ull);
    EXPECT_EQ(exec_brk_start(l, 0x555555558010ull, false, ones), 0x555555559000ull);
    ExecLayout off = exec_layout(0, 0, 8ull << 20, ones);
    EXPECT_FALSE(off.randomize);
    EXPECT_EQ(off.mmap_base, l.mmap_base);
}

TEST(ExecLayout, RandomRanges) {
    ExecLayout lo = exec_layout(0, 2, 8ull << 20, zero);
    ExecLayout hi = exec_layout(0, 2, 8ull << 20, ones);
    EXPECT_TRUE(lo.randomize_brk);
    EXPECT_EQ(lo.stack_top - hi.stack_top, 0x3fffffull << 12);   // 22 bits of pages
    // The gap reserves the stack limit, the stack's random range and the guard gap.
    EXPECT_EQ(lo.mmap_base, 0x7ffffffff000ull - (8ull << 20) - (0x400000ull << 12) - (256ull << 12));
    EXPECT_EQ(lo.mmap_base - hi.mmap_base, ((1ull << 28) - 1) << 12);
    EXPECT_EQ(hi.et_dyn_base - lo.et_dyn_base, ((1ull << 28) - 1) << 12);
    EXPECT_FALSE(exec_layout(0, 1, 8ull << 20, zero).randomize_brk);
    EXPECT_LT(exec_brk_start(hi, 0x601000, false, ones), 0x601000ull + (32ull << 20));
    EXPECT_EQ(exec_brk_start(lo, 0x601000, true, zero), 0x555555555000ull);   // static PIE: brk near the PIE base
}

TEST(ExecLayout, HugeStackLimitIsClamped) {
    ExecLayout l = exec_layout(ADDR_NO_RANDOMIZE, 2, ~0ull, zero);
    EXPECT_EQ(l.mmap_base, (0x7ffffffff000ull - 0x7ffffffff000ull / 6 * 5 + 0xfff) & ~0xfffull);
}
