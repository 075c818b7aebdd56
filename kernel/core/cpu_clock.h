// SPDX-License-Identifier: MIT
// CPU-time clocks: CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID and the negative clock ids
// that clock_getcpuclockid/pthread_getcpuclockid build for other processes and threads
// (Linux's encoding: ~pid << 3, bit 2 for a thread, the low two bits PROF/VIRT/SCHED).
#pragma once

#include "lib/result.h"

class Thread;

// True for the ids this module answers (the two CLOCK_*_CPUTIME_ID and every negative id).
constexpr bool is_cpu_clock(int clockid) { return clockid < 0 || clockid == 2 || clockid == 3; }

// The clock's value in ns. EINVAL for a malformed id, a pid that is not a process, or a tid
// outside the caller's thread group (Linux's pid_for_clock). for_gettime: a process clock may
// name it by the caller's own tid.
Result<u64> cpu_clock_read(int clockid, bool for_gettime);

// A thread's own times (user, system, total), including the slice it is running now.
struct ThreadTimes {
    u64 user_ns, system_ns, total_ns;
};
ThreadTimes thread_cpu_times(Thread* t);
