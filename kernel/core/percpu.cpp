// SPDX-License-Identifier: MIT
#include "core/percpu.h"

#include "arch/cpu.h"
#include "core/log.h"

void record_event(const char* what, u64 a, u64 b) {
    PerCpu* c = this_cpu_or_null();
    if (!c) return;
    unsigned i = c->recent_next++ % PerCpu::kRecentEvents;
    c->recent[i] = RecentEvent{arch::clock_ns(), what, a, b};
}

void dump_recent_events(PerCpu* c) {
    unsigned n = c->recent_next < PerCpu::kRecentEvents ? c->recent_next : PerCpu::kRecentEvents;
    kprintln("Recent events on CPU %u (oldest first):", c->id);
    for (unsigned k = 0; k < n; k++) {
        const RecentEvent& e = c->recent[(c->recent_next - n + k) % PerCpu::kRecentEvents];
        kprintln("  %llu ns  %-12s %#llx %#llx", static_cast<unsigned long long>(e.time_ns), e.what,
                 static_cast<unsigned long long>(e.a), static_cast<unsigned long long>(e.b));
    }
}
