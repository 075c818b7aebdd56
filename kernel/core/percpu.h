// SPDX-License-Identifier: MIT
// Per-CPU data, reached through the GS base (arch sets it up). The first field points to the
// structure itself so one gs-relative load finds it; the next two are used by the syscall
// entry and must stay at fixed offsets.
#pragma once

#include "arch/cpu.h"
#include "lib/types.h"

class Thread;
class Spinlock;

struct RecentEvent {
    u64 time_ns;
    const char* what;
    u64 a, b;
};

struct PerCpu {
    PerCpu* self;              // offset 0
    u64 kernel_stack_top;      // offset 8: loaded by the syscall entry
    u64 user_rsp_scratch;      // offset 16
    u32 id;
    u32 apic_id;
    Thread* current;
    Thread* idle;
    bool in_panic;
    bool need_resched;
    bool tick_from_user;       // the timer interrupt being handled came from user mode
    u32 preempt_disable;
    u64 ticks;

    static constexpr unsigned kMaxHeldLocks = 16;
    unsigned held_lock_count;
    Spinlock* held_locks[kMaxHeldLocks];

    // The last events on this CPU (context switches, interrupts, faults), printed on panic.
    static constexpr unsigned kRecentEvents = 32;
    unsigned recent_next;
    RecentEvent recent[kRecentEvents];
};

constexpr unsigned kMaxCpus = 64;

// This CPU's area (valid once percpu_init_cpu ran: everything after the first lines of boot).
inline PerCpu* this_cpu() { return arch::percpu_self(); }
extern bool g_percpu_ready;   // set once the boot CPU's area is installed
inline PerCpu* this_cpu_or_null() { return g_percpu_ready ? this_cpu() : nullptr; }   // nullptr in the earliest boot
PerCpu* cpu_by_index(unsigned i);
// Arch code: sets up CPU `index` and points its GS base at the area.
void percpu_init_cpu(unsigned index, u32 apic_id);
unsigned cpu_count();

// Appends to this CPU's recent-event ring (cheap: no locks, interrupts may nest harmlessly).
void record_event(const char* what, u64 a = 0, u64 b = 0);
void dump_recent_events(PerCpu* cpu);
