// SPDX-License-Identifier: MIT
// Kernel stacks: 16 KiB in the kernel-stack region with an unmapped guard page below each, so an
// overflow faults (a double fault on the IST stack reports it) instead of corrupting memory.
#pragma once

#include "lib/result.h"

struct KernelStack {
    uptr bottom = 0;   // lowest mapped address
    uptr top = 0;      // initial stack pointer
    static constexpr usize kSize = 16 * 1024;
};

Result<KernelStack> kstack_alloc();
void kstack_free(KernelStack& s);
usize kstack_live_count();
// True when addr lies in some kernel stack's guard page (for fault reports).
bool kstack_is_guard(uptr addr);
