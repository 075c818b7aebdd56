// SPDX-License-Identifier: MIT
// Interrupt routing as generic code sees it: device IRQs and the one-shot timer.
#pragma once

#include "lib/types.h"

namespace arch {

using IrqHandler = void (*)(void* ctx);
// Routes legacy ISA IRQ `irq` (through the IOAPIC, honouring ACPI overrides) to handler.
bool irq_register_isa(unsigned irq, IrqHandler handler, void* ctx);

// The timer is one-shot ("tickless"): the scheduler arms it for its next deadline (end of the
// running thread's slice or the earliest sleeper), in clock_ns() nanoseconds. The handler runs
// in interrupt context with interrupts off.
using TimerHandler = void (*)();
void timer_set_handler(TimerHandler handler);
void timer_arm(u64 deadline_ns);

}  // namespace arch
