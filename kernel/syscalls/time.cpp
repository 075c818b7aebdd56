// SPDX-License-Identifier: MIT
// Clocks, sleeps, and getrandom.
#include "abi/linux/uapi.h"
#include "core/cpu_clock.h"
#include "core/process.h"
#include "core/random.h"
#include "core/signal.h"
#include "core/time.h"
#include "core/wait_queue.h"
#include "lib/vdso_time.h"
#include "syscalls/handlers.h"

namespace {

// The vDSO answers these clocks itself (lib/vdso_time.h numbers them without the UAPI headers).
static_assert(kVdsoHresClocks == (kVdsoClockBit(CLOCK_REALTIME) | kVdsoClockBit(CLOCK_MONOTONIC) |
                                  kVdsoClockBit(CLOCK_MONOTONIC_RAW) | kVdsoClockBit(CLOCK_BOOTTIME) |
                                  kVdsoClockBit(CLOCK_TAI)));
static_assert(kVdsoCoarseClocks == (kVdsoClockBit(CLOCK_REALTIME_COARSE) | kVdsoClockBit(CLOCK_MONOTONIC_COARSE)));
static_assert(kVdsoRealtimeClocks ==
              (kVdsoClockBit(CLOCK_REALTIME) | kVdsoClockBit(CLOCK_REALTIME_COARSE) | kVdsoClockBit(CLOCK_TAI)));

WaitQueue& sleepers() {
    static WaitQueue q;
    return q;
}

Result<u64> timespec_ns(uptr addr) {
    struct __kernel_timespec ts;
    TRY(copy_from_user(&ts, addr, sizeof(ts)));
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= static_cast<i64>(kNsPerSecond)) return Error(EINVAL);
    u64 ns;
    if (__builtin_mul_overflow(static_cast<u64>(ts.tv_sec), kNsPerSecond, &ns) ||
        __builtin_add_overflow(ns, static_cast<u64>(ts.tv_nsec), &ns))
        return ~0ull >> 1;
    return ns;
}

Result<void> put_timespec(uptr addr, i64 sec, i64 nsec) {
    struct __kernel_timespec ts{sec, nsec};
    return copy_to_user(addr, &ts, sizeof(ts));
}

Result<Timespec> clock_now(int clock) {
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_TAI:
    case CLOCK_REALTIME_ALARM:   // linux: the alarm clocks read as their base (an RTC exists)
        return realtime_now();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_BOOTTIME:
    case CLOCK_BOOTTIME_ALARM:
        return monotonic_now();
    case CLOCK_REALTIME_COARSE:
        return realtime_coarse_now();
    case CLOCK_MONOTONIC_COARSE:
        return monotonic_coarse_now();
    default:
        if (is_cpu_clock(clock)) return ns_to_timespec(TRY(cpu_clock_read(clock, true)));
        return Error(EINVAL);
    }
}

// Sleeps until the monotonic deadline; EINTR-style restart codes on a signal.
Result<void> sleep_until(u64 deadline) {
    auto r = sleepers().wait_interruptible([&] { return monotonic_ns() >= deadline; }, deadline);
    if (r.is_error()) return Error(EINTR);
    return {};
}

}  // namespace

SyscallResult sys_clock_gettime(int clock, UserPtr<void> tp) {
    Timespec t = TRY(clock_now(clock));
    TRY(put_timespec(tp.addr(), t.sec, t.nsec));
    return 0;
}

SyscallResult sys_clock_getres(int clock, UserPtr<void> tp) {
    bool coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
    if (is_cpu_clock(clock)) {
        TRY(cpu_clock_read(clock, false));
        // Linux: tick resolution for the sampled PROF/VIRT clocks, 1 ns for SCHED ones.
        coarse = clock < 0 && (clock & 3) != 2;
    } else {
        TRY(clock_now(clock));
    }
    if (!tp.is_null()) TRY(put_timespec(tp.addr(), 0, coarse ? kCoarseResolutionNs : 1));
    return 0;
}

SyscallResult sys_clock_settime(int clock, UserPtr<const void> tp) {
    if (clock != CLOCK_REALTIME) return Error(EINVAL);
    struct __kernel_timespec ts;
    TRY(copy_from_user(&ts, tp.addr(), sizeof(ts)));
    Timespec t{ts.tv_sec, ts.tv_nsec};
    if (!realtime_settable(t)) return Error(EINVAL);
    if (!capable(CAP_SYS_TIME)) return Error(EPERM);
    TRY(realtime_set(t));
    return 0;
}

SyscallResult sys_gettimeofday(UserPtr<void> tv, UserPtr<void> tz) {
    if (!tv.is_null()) {
        Timespec t = realtime_now();
        struct __kernel_old_timeval v{t.sec, t.nsec / 1000};
        TRY(copy_to_user(tv.addr(), &v, sizeof(v)));
    }
    if (!tz.is_null()) {
        struct { int minuteswest, dsttime; } z{0, 0};
        TRY(copy_to_user(tz.addr(), &z, sizeof(z)));
    }
    return 0;
}

// linux: kernel/time/time.c settimeofday and do_sys_settimeofday64(): the time is checked
// (EINVAL) before the caller's privilege (EPERM).
SyscallResult sys_settimeofday(UserPtr<const void> tv, UserPtr<const void>) {
    Timespec t{};
    if (!tv.is_null()) {
        struct __kernel_old_timeval v;
        TRY(copy_from_user(&v, tv.addr(), sizeof(v)));
        if (v.tv_usec < 0 || v.tv_usec > 1'000'000) return Error(EINVAL);
        t = Timespec{v.tv_sec, v.tv_usec * 1000};
        if (!realtime_settable(t)) return Error(EINVAL);
    }
    if (!capable(CAP_SYS_TIME)) return Error(EPERM);
    if (!tv.is_null()) TRY(realtime_set(t));
    return 0;
}

// As Linux (and the vDSO's time): the seconds of the coarse wall clock.
SyscallResult sys_time(UserPtr<i64> t) {
    i64 now = realtime_coarse_now().sec;
    if (!t.is_null()) TRY(copy_to_user(t, now));
    return now;
}

// An interrupted sleep reports the time left and asks to be restarted through
// restart_syscall: with a handler that becomes EINTR, without one (a stop and SIGCONT) the
// sleep simply goes on to the same deadline, as on Linux.
static SyscallResult interrupted_sleep(u64 deadline, uptr rem) {
    u64 now = monotonic_ns();
    u64 left = deadline > now ? deadline - now : 0;
    if (rem) TRY(put_timespec(rem, static_cast<i64>(left / kNsPerSecond), static_cast<i64>(left % kNsPerSecond)));
    Thread* t = current_thread();
    t->restart_fn = nullptr;
    t->restart_deadline = deadline;
    t->restart_rem = rem;
    return Error(kErestartRestartBlock);
}

SyscallResult sys_restart_syscall() {
    Thread* t = current_thread();
    if (auto fn = t->restart_fn) {   // an interrupted futex wait
        t->restart_fn = nullptr;
        return fn();
    }
    u64 deadline = t->restart_deadline;
    if (!deadline) return Error(EINTR);
    if (sleep_until(deadline).is_error()) return interrupted_sleep(deadline, t->restart_rem);
    t->restart_deadline = 0;
    return 0;
}

SyscallResult sys_nanosleep(UserPtr<const void> req, UserPtr<void> rem) {
    u64 ns = TRY(timespec_ns(req.addr()));
    u64 deadline = monotonic_ns() + ns;
    if (sleep_until(deadline).is_error()) return interrupted_sleep(deadline, rem.addr());
    return 0;
}

SyscallResult sys_clock_nanosleep(int clock, Flags flags, UserPtr<const void> req, UserPtr<void> rem) {
    if (clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) {
        // linux: alarm_timer_nsleep() needs CAP_WAKE_ALARM; then it sleeps on the base clock.
        if (!capable(CAP_WAKE_ALARM)) return Error(EPERM);
        clock = clock == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : CLOCK_BOOTTIME;
    }
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME && clock != CLOCK_TAI) {
        if (clock == CLOCK_THREAD_CPUTIME_ID) return Error(EINVAL);
        if (clock == CLOCK_PROCESS_CPUTIME_ID || clock < 0 || clock > CLOCK_TAI) return Error(clock < 0 || clock > CLOCK_TAI ? EINVAL : EOPNOTSUPP);
        return Error(EOPNOTSUPP);
    }
    u64 ns = TRY(timespec_ns(req.addr()));
    bool absolute = flags.value & TIMER_ABSTIME;
    u64 deadline;
    if (absolute) {
        if (clock == CLOCK_REALTIME || clock == CLOCK_TAI) {
            Timespec now = realtime_now();
            u64 now_ns = static_cast<u64>(now.sec) * kNsPerSecond + static_cast<u64>(now.nsec);
            deadline = monotonic_ns() + (ns > now_ns ? ns - now_ns : 0);
        } else {
            deadline = ns;
        }
    } else {
        deadline = monotonic_ns() + ns;
    }
    if (sleep_until(deadline).is_error()) return interrupted_sleep(deadline, absolute ? 0 : rem.addr());
    return 0;
}

SyscallResult sys_getrandom(UserPtr<void> buf, usize len, Flags flags) {
    if (flags.value & ~static_cast<u64>(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return Error(EINVAL);
    if ((flags.value & GRND_INSECURE) && (flags.value & GRND_RANDOM)) return Error(EINVAL);
    if (len > 33554431) len = 33554431;   // Linux caps one call at INT_MAX >> 6... (32 MiB - 1)
    u8 chunk[256];
    usize done = 0;
    while (done < len) {
        usize n = min(len - done, sizeof(chunk));
        random_bytes(chunk, n);
        if (copy_to_user(buf.addr() + done, chunk, n).is_error()) {
            if (done) break;
            return Error(EFAULT);
        }
        done += n;
        if (done < len && signal_pending_current()) break;
    }
    return static_cast<i64>(done);
}
