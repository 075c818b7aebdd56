// SPDX-License-Identifier: MIT
// Arch-neutral CPU control that generic code may use.
#pragma once

#include "lib/types.h"

namespace arch {

// Saved interrupt-enable state; restore exactly what was saved (nesting-safe).
// irq_save, irq_restore, irqs_enabled, irq_enable, irq_disable and cpu_relax are inline (they sit
// on every lock and syscall path): see the arch's cpu_inline.h, included at the end.
using IrqState = u64;
void wait_for_interrupt();     // sti; hlt (returns after one interrupt)
[[noreturn]] void halt_forever();

// Nanoseconds since boot from the calibrated clock source (0 before calibration).
u64 clock_ns();

// Machine control.
[[noreturn]] void power_off();
[[noreturn]] void reset();
// Test support: ends QEMU through isa-debug-exit (QEMU exits with (code << 1) | 1).
void debug_exit(u8 code);

// Frame-pointer walk starting at the given frame (or the caller's when 0).
usize backtrace(uptr* out, usize max, uptr frame_pointer = 0);

}  // namespace arch

#include "arch/x86_64/cpu_inline.h"
