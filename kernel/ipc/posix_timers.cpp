// SPDX-License-Identifier: MIT
// timer_create, timer_settime, timer_gettime, timer_getoverrun, timer_delete (man 2
// timer_create; linux: kernel/time/posix-timers.c). A timer notifies with a queued SI_TIMER
// signal (to the process, or one of its threads with SIGEV_THREAD_ID) or not at all
// (SIGEV_NONE). As on Linux, a periodic timer stops when it fires and is re-armed when its
// signal is dequeued; the periods that passed meanwhile are its overrun count.
// Locks: the process-tree lock (pending signals, threads), then g_timer_objects_lock.
#include "ipc/posix_timers.h"

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "core/time.h"
#include "ipc/clock_timer.h"
#include "ipc/timer_math.h"
#include "syscalls/handlers.h"

namespace {

// Linux's siginfo _timer._sys_private (byte 32 of siginfo, byte 16 of the union): the requeue
// generation a timer signal was sent with; never seen by user space.
constexpr usize kSysPrivate = 16;

struct PosixTimer {
    int id = 0;
    int clock = 0;
    int notify = SIGEV_SIGNAL;
    int signo = 0;
    u64 value = 0;            // sigev_value
    int target_tid = 0;       // SIGEV_THREAD_ID
    int cpu_tid = 0;          // the thread whose CPU time a CLOCK_THREAD_CPUTIME_ID timer counts
    Process* owner = nullptr;
    ClockTimer ct;            // expiry (ct.expiry) for every clock; armed only for non-CPU clocks
    bool cpu_armed = false;   // CPU-time clocks: checked from accounting
    u64 interval = 0;
    i64 overrun = -1;         // linux: it_overrun, -1 when nothing is counted
    i64 overrun_last = 0;     // reported by timer_getoverrun
    u32 requeue = 0;          // linux: it_requeue_pending (odd: a periodic signal is out)
    bool dead = false;
    ListNode node;
};

}  // namespace

struct PosixTimerSet {
    IntrusiveList<PosixTimer, &PosixTimer::node> timers;
    int next_id = 0;
};

namespace {

bool cpu_clock(int clock) { return clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID; }

PosixTimer* from_ct(ClockTimer* ct) {
    return reinterpret_cast<PosixTimer*>(reinterpret_cast<u8*>(ct) - offsetof(PosixTimer, ct));
}

Thread* thread_of_locked(Process* p, int tid) {
    for (Thread& t : p->threads)
        if (t.tid == tid) return &t;
    return nullptr;
}

// Tree lock held: the timer's clock now, in ns.
u64 now_locked(const PosixTimer& t) {
    if (!cpu_clock(t.clock)) return timer_base_now(t.ct.base);
    Thread* self = current_thread();
    u64 mono = monotonic_ns();
    if (t.clock == CLOCK_PROCESS_CPUTIME_ID) {
        Process* p = t.owner;
        u64 ns = p->utime_ns + p->stime_ns;
        if (self->process == p && mono > self->last_switch_in_ns) ns += mono - self->last_switch_in_ns;
        return ns;
    }
    Thread* th = thread_of_locked(t.owner, t.cpu_tid);
    if (!th) return 0;
    u64 ns = th->cpu_time_ns;
    if (th == self && mono > th->last_switch_in_ns) ns += mono - th->last_switch_in_ns;
    return ns;
}

void arm_locked(PosixTimer& t, TimerBase base, u64 expiry) {
    t.ct.expiry = expiry;
    if (cpu_clock(t.clock)) t.cpu_armed = true;
    else clock_timer_start(t.ct, base, expiry);
}

void disarm_locked(PosixTimer& t) {
    t.cpu_armed = false;
    clock_timer_stop(t.ct);
}

bool active_locked(const PosixTimer& t) { return t.cpu_armed || clock_timer_active(t.ct); }

PendingSignals* target_queue_locked(PosixTimer& t, Thread** thread) {
    *thread = nullptr;
    if (t.notify & SIGEV_THREAD_ID) {
        *thread = thread_of_locked(t.owner, t.target_tid);
        return *thread ? &(*thread)->pending : nullptr;
    }
    return &t.owner->shared_pending;
}

QueuedSignal* queued_signal_locked(PendingSignals& ps, const PosixTimer& t) {
    for (QueuedSignal& q : ps.queue)
        if (q.info.si_code == SI_TIMER && q.info.si_signo == t.signo && q.info.timer.tid == t.id) return &q;
    return nullptr;
}

i32 overrun_int(i64 v) { return v > 0x7fffffff ? 0x7fffffff : static_cast<i32>(v); }

// Both locks held: the timer expired (linux: posix_timer_fn()).
void fire_locked(PosixTimer& t) {
    if (t.dead || t.notify == SIGEV_NONE) return;
    t.cpu_armed = false;
    u32 gen = 0;
    if (t.interval) gen = ++t.requeue;
    Thread* thread;
    PendingSignals* ps = target_queue_locked(t, &thread);
    bool queued = false;
    if (ps) {
        if (QueuedSignal* q = queued_signal_locked(*ps, t)) {
            // linux: send_sigqueue() on a signal still pending counts an overrun instead.
            q->info.timer.overrun++;
            __builtin_memcpy(q->info.raw + kSysPrivate, &gen, sizeof(gen));
            return;
        }
        KSigInfo info{};
        info.si_signo = t.signo;
        info.si_code = SI_TIMER;
        info.timer.tid = t.id;
        info.timer.overrun = 0;
        info.timer.value = t.value;
        __builtin_memcpy(info.raw + kSysPrivate, &gen, sizeof(gen));
        if (thread) signal_send_thread_locked(thread, t.signo, &info);
        else signal_send_process_locked(t.owner, t.signo, &info);
        queued = queued_signal_locked(*ps, t) != nullptr;
    }
    // Ignored (or no target): nobody will dequeue it, so a periodic timer goes on by itself.
    if (!queued && t.interval) {
        u64 expiry = t.ct.expiry;
        t.overrun += static_cast<i64>(timer_forward(expiry, t.interval, now_locked(t)));
        ++t.requeue;
        arm_locked(t, t.ct.base, expiry);
    }
}

void fired(ClockTimer* ct) {
    PosixTimer* t = from_ct(ct);
    SpinlockGuard tree(g_process_tree_lock);
    SpinlockGuard g(g_timer_objects_lock);
    fire_locked(*t);
}

Result<PosixTimerSet*> timer_set(Process* p) {
    if (!p->timers.posix) {
        auto* set = new (std::nothrow) PosixTimerSet();
        if (!set) return Error(ENOMEM);
        p->timers.posix = set;
    }
    return p->timers.posix;
}

// Both locks held.
PosixTimer* find_locked(Process* p, int id) {
    if (!p->timers.posix) return nullptr;
    for (PosixTimer& t : p->timers.posix->timers)
        if (t.id == id && !t.dead) return &t;
    return nullptr;
}

// Both locks held (linux: common_timer_get()).
TimerSetting get_locked(PosixTimer& t) {
    bool none = t.notify == SIGEV_NONE;
    TimerSetting v{0, t.interval};
    if (!t.interval && !active_locked(t) && !none) return v;
    u64 now = now_locked(t);
    if (t.interval && ((t.requeue & 1) || none)) t.overrun += static_cast<i64>(timer_forward(t.ct.expiry, t.interval, now));
    u64 left = timer_remaining(t.ct.expiry, now);
    if (left) v.value = left;
    else if (!none) v.value = 1;   // expired, its signal not yet taken
    return v;
}

// Tree lock held: unlinks and stops a timer; the caller syncs and frees it without locks.
void detach_locked(PosixTimerSet& set, PosixTimer& t) {
    SpinlockGuard g(g_timer_objects_lock);
    t.dead = true;
    disarm_locked(t);
    set.timers.remove(t);
}

void destroy(PosixTimer* t) {
    clock_timer_sync(t->ct);
    delete t;
}

}  // namespace

void posix_timers_release(Process* p) {
    for (;;) {
        PosixTimer* t;
        {
            SpinlockGuard tree(g_process_tree_lock);
            PosixTimerSet* set = p->timers.posix;
            if (!set) return;
            t = set->timers.first();
            if (!t) {
                p->timers.posix = nullptr;
                delete set;
                return;
            }
            detach_locked(*set, *t);
        }
        destroy(t);
    }
}

void posix_timer_dequeued_locked(Process* p, KSigInfo& info) {
    u32 gen;
    __builtin_memcpy(&gen, info.raw + kSysPrivate, sizeof(gen));
    if (!gen) return;
    __builtin_memset(info.raw + kSysPrivate, 0, sizeof(gen));
    SpinlockGuard g(g_timer_objects_lock);
    PosixTimer* t = find_locked(p, info.timer.tid);
    if (!t || !t->interval || t->requeue != gen) return;
    u64 expiry = t->ct.expiry;
    t->overrun += static_cast<i64>(timer_forward(expiry, t->interval, now_locked(*t)));
    arm_locked(*t, t->ct.base, expiry);
    t->overrun_last = t->overrun;
    t->overrun = -1;
    ++t->requeue;
    info.timer.overrun = overrun_int(t->overrun_last + info.timer.overrun);
}

void posix_cpu_timers_check(Process* p) {
    SpinlockGuard tree(g_process_tree_lock);
    SpinlockGuard g(g_timer_objects_lock);
    if (!p->timers.posix) return;
    for (PosixTimer& t : p->timers.posix->timers)
        if (t.cpu_armed && now_locked(t) >= t.ct.expiry) fire_locked(t);
}

namespace {

// The negative clock ids of the CPU clocks (linux: MAKE_PROCESS_CPUCLOCK/MAKE_THREAD_CPUCLOCK:
// ~pid << 3 | perthread << 2 | which): glibc's timer_create passes pid 0 for its own CPU clocks.
// Those of the caller itself become the plain CPU clocks; others are refused.
int cpu_clock_of(int clock) {
    int pid = ~clock >> 3;
    bool thread = clock & 4;
    if ((clock & 3) == 3) return -1;
    // LINUX-DIVERGENCE: another process's or thread's CPU clock (clock_getcpuclockid,
    // pthread_getcpuclockid) is not supported (EINVAL), and CPUCLOCK_PROF/VIRT count like SCHED.
    if (thread) return pid == 0 || pid == current_thread()->tid ? CLOCK_THREAD_CPUTIME_ID : -1;
    return pid == 0 || pid == current_process()->pid ? CLOCK_PROCESS_CPUTIME_ID : -1;
}

}  // namespace

SyscallResult sys_timer_create(int clock, UserPtr<const void> user_event, UserPtr<int> user_id) {
    sigevent_t ev{};
    bool have_event = !user_event.is_null();
    if (have_event) TRY(copy_from_user(&ev, user_event.addr(), sizeof(ev)));
    if (clock < 0) clock = cpu_clock_of(clock);
    switch (clock) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
    case CLOCK_BOOTTIME: case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM: case CLOCK_TAI:
        break;
    case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
        return Error(EOPNOTSUPP);   // clocks without timers
    default:
        return Error(EINVAL);
    }
    Process* p = current_process();
    Thread* self = current_thread();
    auto* t = new (std::nothrow) PosixTimer();
    if (!t) return Error(ENOMEM);
    t->clock = clock;
    t->owner = p;
    t->cpu_tid = self->tid;
    clock_timer_init(t->ct, fired);
    if (have_event) {
        __builtin_memcpy(&t->value, &ev.sigev_value, sizeof(t->value));
        t->signo = ev.sigev_signo;
        t->notify = ev.sigev_notify;
        t->target_tid = ev.sigev_notify_thread_id;
    } else {
        t->notify = SIGEV_SIGNAL;
        t->signo = SIGALRM;
    }
    // linux: good_sigevent().
    bool valid;
    {
        SpinlockGuard tree(g_process_tree_lock);
        switch (t->notify) {
        case SIGEV_SIGNAL | SIGEV_THREAD_ID:
            valid = thread_of_locked(p, t->target_tid) && t->signo > 0 && t->signo <= kNumSignals;
            break;
        case SIGEV_SIGNAL:
        case SIGEV_THREAD:
            valid = t->signo > 0 && t->signo <= kNumSignals;
            break;
        case SIGEV_NONE:
            valid = true;
            break;
        default:
            valid = false;
        }
    }
    if (!valid) {
        delete t;
        return Error(EINVAL);
    }
    PosixTimerSet* set;
    {
        auto r = timer_set(p);
        if (r.is_error()) {
            delete t;
            return r.error();
        }
        set = r.value();
    }
    {
        SpinlockGuard tree(g_process_tree_lock);
        SpinlockGuard g(g_timer_objects_lock);
        t->id = set->next_id++ & 0x7fffffff;
        if (!have_event) t->value = static_cast<u64>(t->id);   // linux: sival_int = the id
        set->timers.push_back(*t);
    }
    auto fail = [&](int err) -> SyscallResult {
        {
            SpinlockGuard tree(g_process_tree_lock);
            detach_locked(*set, *t);
        }
        destroy(t);
        return Error(err);
    };
    if (copy_to_user(user_id, t->id).is_error()) return fail(EFAULT);
    if (clock_is_alarm(clock) && !p->creds.has_cap(CAP_WAKE_ALARM)) return fail(EPERM);
    return 0;
}

SyscallResult sys_timer_settime(int id, Flags flags, UserPtr<const void> new_value, UserPtr<void> old_value) {
    if (new_value.is_null()) return Error(EINVAL);
    bool valid;
    TimerSetting want = TRY(timer_setting_from_user(new_value.addr(), valid));
    if (!valid) return Error(EINVAL);
    bool absolute = flags.value & TIMER_ABSTIME;
    u64 value = want.value;
    u64 interval = want.interval;
    TimerSetting old;
    {
        SpinlockGuard tree(g_process_tree_lock);
        SpinlockGuard g(g_timer_objects_lock);
        PosixTimer* t = find_locked(current_process(), id);
        if (!t) return Error(EINVAL);
        old = get_locked(*t);
        // linux: common_timer_set(): a signal already out will not re-arm this setting.
        t->interval = 0;
        disarm_locked(*t);
        t->requeue = (t->requeue + 2) & ~1u;
        t->overrun_last = 0;
        if (value) {
            t->interval = interval;
            int clock = t->clock == CLOCK_TAI ? CLOCK_REALTIME : t->clock;
            TimerBase base = timer_base_for(clock, absolute);
            t->ct.base = base;
            u64 expiry = absolute ? value : timer_add_sat(cpu_clock(t->clock) ? now_locked(*t) : timer_base_now(base), value);
            t->ct.expiry = expiry;
            if (t->notify != SIGEV_NONE) {
                arm_locked(*t, base, expiry);
                // An expiry already passed fires now (the kernel timer would, on its next tick).
                if (cpu_clock(t->clock) && now_locked(*t) >= expiry) fire_locked(*t);
            }
        }
    }
    if (!old_value.is_null()) TRY(timer_setting_to_user(old_value.addr(), old));
    return 0;
}

SyscallResult sys_timer_gettime(int id, UserPtr<void> cur) {
    TimerSetting v;
    {
        SpinlockGuard tree(g_process_tree_lock);
        SpinlockGuard g(g_timer_objects_lock);
        PosixTimer* t = find_locked(current_process(), id);
        if (!t) return Error(EINVAL);
        v = get_locked(*t);
    }
    TRY(timer_setting_to_user(cur.addr(), v));
    return 0;
}

SyscallResult sys_timer_getoverrun(int id) {
    SpinlockGuard tree(g_process_tree_lock);
    SpinlockGuard g(g_timer_objects_lock);
    PosixTimer* t = find_locked(current_process(), id);
    if (!t) return Error(EINVAL);
    return overrun_int(t->overrun_last);
}

SyscallResult sys_timer_delete(int id) {
    Process* p = current_process();
    PosixTimer* t;
    {
        SpinlockGuard tree(g_process_tree_lock);
        {
            SpinlockGuard g(g_timer_objects_lock);
            t = find_locked(p, id);
        }
        if (!t) return Error(EINVAL);
        detach_locked(*p->timers.posix, *t);
    }
    destroy(t);
    return 0;
}
