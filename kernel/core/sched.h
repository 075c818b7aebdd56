// SPDX-License-Identifier: MIT
// The scheduler: round-robin over one run queue, preemptive (10 ms slices on a one-shot LAPIC
// timer that also serves sleep deadlines), with an idle thread per CPU.
#pragma once

#include "core/thread.h"

void sched_init();                 // on the boot CPU, turns the boot flow into a thread
void sched_start(Thread* t);       // makes a new thread runnable
void schedule();                   // pick another thread; interrupts must be off or are turned off
void thread_yield();
void sched_wake(Thread* t);        // Blocked/Sleeping -> Runnable (no-op otherwise)
[[noreturn]] void thread_exit();
[[noreturn]] void idle_loop();       // the boot flow ends here on each CPU

// Sleeps at least ns nanoseconds.
void sleep_ns(u64 ns);
// Blocks the current thread (state already set to Blocked by the caller under its own lock) until
// woken or until deadline_ns (0 = none). Returns false on timeout.
bool sched_block_until(u64 deadline_ns);

// Marks the current thread Blocked (wait queues call this under their own lock).
void sched_mark_blocked(Thread* t);
// Undoes sched_mark_blocked for the current thread when it decides not to sleep after all.
void sched_unblock_self();

// Re-arms the one-shot timer after a kernel timer changed.
void sched_kick_timer();

// Called from the timer interrupt.
void sched_timer_interrupt();
// Called on the way out of an interrupt: switches if the running thread should yield.
void sched_preempt_point();

constexpr u64 kTimeSliceNs = 10'000'000;
