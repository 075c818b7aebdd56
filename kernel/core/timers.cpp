// SPDX-License-Identifier: MIT
#include "core/timers.h"

#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "core/process.h"
#include "core/sched.h"
#include "core/signal.h"
#include "ipc/posix_timers.h"
#include "sync/spinlock.h"

namespace {

Spinlock g_timer_lock(LockRank::Timer, "ktimers");
IntrusiveList<KTimer, &KTimer::node>* g_timers;
alignas(IntrusiveList<KTimer, &KTimer::node>) u8 g_timers_storage[sizeof(IntrusiveList<KTimer, &KTimer::node>)];

IntrusiveList<KTimer, &KTimer::node>& timers() {
    if (!g_timers) g_timers = new (g_timers_storage) IntrusiveList<KTimer, &KTimer::node>();
    return *g_timers;
}

void real_expired(KTimer* t) {
    auto* pt = reinterpret_cast<ProcessTimers*>(reinterpret_cast<u8*>(t) - offsetof(ProcessTimers, real));
    Process* p = pt->owner;
    KSigInfo info{};
    info.si_signo = SIGALRM;
    info.si_code = SI_TIMER;
    signal_send_process(p, SIGALRM, &info);
    if (pt->real_interval_ns) ktimer_arm(t, t->deadline_ns + pt->real_interval_ns);
}

}  // namespace

void ktimer_arm(KTimer* t, u64 deadline) {
    {
        SpinlockGuard g(g_timer_lock);
        if (t->armed()) timers().remove(*t);
        t->deadline_ns = deadline;
        timers().push_back(*t);
    }
    sched_kick_timer();
}

void ktimer_cancel(KTimer* t) {
    SpinlockGuard g(g_timer_lock);
    if (t->armed()) timers().remove(*t);
}

u64 ktimer_next_deadline() {
    SpinlockGuard g(g_timer_lock);
    u64 d = ~0ull;
    for (KTimer& t : timers()) d = min(d, t.deadline_ns);
    return d;
}

void ktimer_run_expired(u64 now) {
    for (;;) {
        KTimer* due = nullptr;
        {
            SpinlockGuard g(g_timer_lock);
            for (KTimer& t : timers())
                if (t.deadline_ns <= now) {
                    due = &t;
                    break;
                }
            if (due) {
                timers().remove(*due);
                due->running.store(true, std::memory_order_relaxed);
            }
        }
        if (!due) return;
        due->fn(due);
        due->running.store(false, std::memory_order_release);
    }
}

void ktimer_cancel_sync(KTimer* t) {
    for (;;) {
        {
            SpinlockGuard g(g_timer_lock);
            if (t->armed()) timers().remove(*t);
            if (!t->running.load(std::memory_order_acquire)) return;
        }
        arch::cpu_relax();
    }
}

static ProcessTimers& timers_of(Process* p) {
    ProcessTimers& pt = p->timers;
    if (!pt.owner) {
        pt.owner = p;
        pt.real.fn = real_expired;
    }
    return pt;
}

Result<ItimerValue> itimer_get(Process* p, int which) {
    ProcessTimers& pt = timers_of(p);
    switch (which) {
    case ITIMER_REAL: {
        u64 now = arch::clock_ns();
        u64 left = pt.real.armed() && pt.real.deadline_ns > now ? pt.real.deadline_ns - now : (pt.real.armed() ? 1 : 0);
        return ItimerValue{left, pt.real_interval_ns};
    }
    case ITIMER_VIRTUAL: return ItimerValue{pt.virt_left_ns, pt.virt_interval_ns};
    case ITIMER_PROF: return ItimerValue{pt.prof_left_ns, pt.prof_interval_ns};
    default: return Error(EINVAL);
    }
}

Result<ItimerValue> itimer_set(Process* p, int which, u64 value_ns, u64 interval_ns) {
    ItimerValue old = TRY(itimer_get(p, which));
    ProcessTimers& pt = timers_of(p);
    switch (which) {
    case ITIMER_REAL:
        ktimer_cancel(&pt.real);
        pt.real_interval_ns = interval_ns;
        if (value_ns) ktimer_arm(&pt.real, arch::clock_ns() + value_ns);
        break;
    case ITIMER_VIRTUAL:
        pt.virt_left_ns = value_ns;
        pt.virt_interval_ns = interval_ns;
        break;
    case ITIMER_PROF:
        pt.prof_left_ns = value_ns;
        pt.prof_interval_ns = interval_ns;
        break;
    }
    return old;
}

// RLIMIT_CPU as Linux's check_process_timers: SIGKILL at the hard limit; SIGXCPU at the soft one,
// which then moves up a second (so the signal repeats every CPU second until the hard limit).
static void cpu_limit_check(Process* p) {
    RLimit& lim = p->rlimits[RLIMIT_CPU];
    if (lim.cur == RLIM_INFINITY) return;
    u64 used_s = (p->utime_ns + p->stime_ns) / 1'000'000'000;
    if (lim.max != RLIM_INFINITY && used_s >= lim.max) {
        signal_send_process(p, SIGKILL, nullptr);
        return;
    }
    if (used_s < lim.cur) return;
    KSigInfo info{};
    info.si_signo = SIGXCPU;
    info.si_code = SI_KERNEL;
    signal_send_process(p, SIGXCPU, &info);
    if (lim.cur < lim.max) lim.cur++;
}

void itimer_account(Process* p, u64 ns, bool in_user) {
    ProcessTimers& pt = p->timers;
    auto tick = [&](u64& left, u64 interval, int sig) {
        if (!left) return;
        if (left > ns) {
            left -= ns;
            return;
        }
        left = interval;
        KSigInfo info{};
        info.si_signo = sig;
        info.si_code = SI_KERNEL;
        signal_send_process(p, sig, &info);
    };
    if (in_user) tick(pt.virt_left_ns, pt.virt_interval_ns, SIGVTALRM);
    tick(pt.prof_left_ns, pt.prof_interval_ns, SIGPROF);
    cpu_limit_check(p);
    if (pt.posix) posix_cpu_timers_check(p);
}

void itimer_exit(Process* p) {
    ktimer_cancel(&p->timers.real);
    posix_timers_release(p);
}
