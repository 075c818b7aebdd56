// SPDX-License-Identifier: MIT
// Per-CPU areas live in a static array; GS base points at this CPU's entry.
#include "core/percpu.h"

#include "arch/vdso.h"
#include "arch/x86_64/cpu.h"
#include "lib/assert.h"

namespace {
PerCpu g_cpus[kMaxCpus];
constinit unsigned g_cpu_count = 0;
}  // namespace

constinit bool g_percpu_ready = false;
PerCpu* cpu_by_index(unsigned i) { return i < g_cpu_count ? &g_cpus[i] : nullptr; }
unsigned cpu_count() { return g_cpu_count; }

void percpu_init_cpu(unsigned index, u32 apic_id) {
    VERIFY(index < kMaxCpus);
    PerCpu* p = &g_cpus[index];
    p->self = p;
    p->id = index;
    p->apic_id = apic_id;
    x86::wrmsr(x86::kMsrGsBase, reinterpret_cast<u64>(p));
    x86::wrmsr(x86::kMsrKernelGsBase, 0);
    arch::vdso_cpu_init(index);
    if (index + 1 > g_cpu_count) g_cpu_count = index + 1;
    g_percpu_ready = true;
}
