// SPDX-License-Identifier: MIT
#include "core/cpu_clock.h"

#include "core/process_table.h"
#include "core/time.h"

namespace {

constexpr int kProf = 0, kVirt = 1, kSched = 2, kWhichMax = 3;
constexpr int kPerThread = 4;

// The time the running thread has used since it was last charged (it is charged at switches
// and timer interrupts). Counted as system time, as the next charge from the kernel would.
u64 in_flight_ns(Thread* t) {
    if (!t->is_current) return 0;
    u64 now = monotonic_ns();
    return now > t->last_switch_in_ns ? now - t->last_switch_in_ns : 0;
}

u64 pick(int which, u64 user, u64 system, u64 total) {
    if (which == kVirt) return user;
    if (which == kProf) return user + system;
    return total;
}

}  // namespace

ThreadTimes thread_cpu_times(Thread* t) {
    u64 extra = in_flight_ns(t);
    return ThreadTimes{t->utime_ns, t->stime_ns + extra, t->cpu_time_ns + extra};
}

Result<u64> cpu_clock_read(int clockid, bool for_gettime) {
    Thread* self = current_thread();
    constexpr int kSelf = ~0 << 3;   // pid 0 encoded: the caller
    if (clockid == 2) clockid = kSelf | kSched;                        // CLOCK_PROCESS_CPUTIME_ID
    else if (clockid == 3) clockid = kSelf | kSched | kPerThread;      // CLOCK_THREAD_CPUTIME_ID
    if (clockid >= 0) return Error(EINVAL);
    int which = clockid & 3;
    bool per_thread = clockid & kPerThread;
    int id = ~(clockid >> 3);
    if (which >= kWhichMax) return Error(EINVAL);
    SpinlockGuard g(g_process_tree_lock);
    if (per_thread) {
        Thread* t = id == 0 ? self : thread_find_locked(id);
        if (!t || t->process != self->process) return Error(EINVAL);
        ThreadTimes tt = thread_cpu_times(t);
        return pick(which, tt.user_ns, tt.system_ns, tt.total_ns);
    }
    Process* p = id == 0 ? self->process : process_find_locked(id);
    if (!p && for_gettime && id == self->tid) p = self->process;
    if (!p) return Error(EINVAL);
    // The process's counters include every thread, dead ones too; only the running thread's
    // current slice is not charged yet.
    u64 extra = self->process == p ? in_flight_ns(self) : 0;
    u64 user = p->utime_ns, system = p->stime_ns + extra;
    return pick(which, user, system, user + system);
}
