// SPDX-License-Identifier: MIT
// Kernel timers (a callback at a deadline, run from the timer interrupt) and the per-process
// interval timers of setitimer/alarm built on them.
#pragma once

#include <atomic>

#include "lib/intrusive_list.h"
#include "lib/result.h"

class Process;
struct PosixTimerSet;

struct KTimer {
    u64 deadline_ns = 0;
    void (*fn)(KTimer*) = nullptr;
    ListNode node;
    std::atomic<bool> running{false};   // fn is executing (on some CPU)
    bool armed() const { return node.linked(); }
};

void ktimer_arm(KTimer* t, u64 deadline_ns);
void ktimer_cancel(KTimer* t);
// As ktimer_cancel, and also waits until a callback already running elsewhere has returned, so
// the timer's memory may be freed. Never call it from the callback itself or holding a lock the
// callback takes.
void ktimer_cancel_sync(KTimer* t);
// Earliest armed deadline (for the scheduler's one-shot timer), or ~0.
u64 ktimer_next_deadline();
// Runs expired timers (from the timer interrupt, no locks held).
void ktimer_run_expired(u64 now);

struct ItimerValue {
    u64 value_ns;
    u64 interval_ns;
};

// which: ITIMER_REAL (SIGALRM, wall time), ITIMER_VIRTUAL (SIGVTALRM, CPU time in user mode),
// ITIMER_PROF (SIGPROF, CPU time). Returns the previous setting.
Result<ItimerValue> itimer_set(Process* p, int which, u64 value_ns, u64 interval_ns);
Result<ItimerValue> itimer_get(Process* p, int which);
// CPU-time accounting hook: the running process used `ns` (user when in_user).
void itimer_account(Process* p, u64 ns, bool in_user);
// Cancels a dying process's timers.
void itimer_exit(Process* p);

struct ProcessTimers {
    KTimer real;
    u64 real_interval_ns = 0;
    Process* owner = nullptr;
    u64 virt_left_ns = 0, virt_interval_ns = 0;
    u64 prof_left_ns = 0, prof_interval_ns = 0;
    PosixTimerSet* posix = nullptr;   // timer_create's timers (ipc/posix_timers.cpp), made on first use
};
