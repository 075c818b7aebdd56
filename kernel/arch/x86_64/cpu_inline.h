// SPDX-License-Identifier: MIT
// Inline definitions behind arch/cpu.h and the per-CPU pointer: these are on every lock,
// interrupt and syscall path, so they must not cost a call.
#pragma once

#include "lib/types.h"

struct PerCpu;

namespace arch {

inline IrqState irq_save() {
    u64 flags;
    asm volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
    return flags & (1u << 9);
}
inline void irq_restore(IrqState s) {
    if (s) asm volatile("sti" ::: "memory");
}
inline bool irqs_enabled() {
    u64 flags;
    asm volatile("pushfq; popq %0" : "=r"(flags));
    return flags & (1u << 9);
}
inline void irq_enable() { asm volatile("sti" ::: "memory"); }
inline void irq_disable() { asm volatile("cli" ::: "memory"); }
inline void cpu_relax() { asm volatile("pause"); }

// This CPU's per-CPU area: GS base points at it and its first field points to itself.
inline PerCpu* percpu_self() {
    PerCpu* p;
    asm volatile("movq %%gs:0, %0" : "=r"(p));
    return p;
}

}  // namespace arch
