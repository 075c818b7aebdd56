// SPDX-License-Identifier: MIT
// Where a new program's pieces go, as Linux 6.1 on x86_64 places them (arch/x86/mm/mmap.c and
// binfmt_elf): the stack top, the top of the mmap area, the load base of a PIE and the start of
// the program break, randomized unless personality(ADDR_NO_RANDOMIZE) or
// kernel.randomize_va_space=0 (1 randomizes everything but the break, 2 the break too).
#pragma once

#include "lib/types.h"

struct ExecLayout {
    bool randomize;    // Linux's PF_RANDOMIZE for this exec
    bool randomize_brk;
    u64 stack_top;     // page-aligned top of the initial stack
    u64 mmap_base;     // top-down mmap allocations start below it
    u64 et_dyn_base;   // load address of a PIE that has an interpreter (before its first vaddr)
};

// `random` gives random 64-bit values (a parameter so the layout rules are host-testable).
ExecLayout exec_layout(u32 personality, int randomize_va_space, u64 rlimit_stack, u64 (*random)());

// The start of the program break: past the end of the highest segment; for a PIE without an
// interpreter (static-pie) Linux moves it to the PIE base area; then a random page within 32 MiB.
u64 exec_brk_start(const ExecLayout& l, u64 end_of_segments, bool static_pie, u64 (*random)());
