// SPDX-License-Identifier: MIT
// futex(2) and futex_waitv(2): argument checks and timeouts in Linux's order (the timeout is
// read and checked before the command's flags), then one operation of futex_ops.h.
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "ipc/futex_ops.h"
#include "ipc/futex_table.h"
#include "syscalls/handlers.h"

static_assert(FUTEX_PRIVATE_FLAG == kFutexPrivateFlag && FUTEX_CLOCK_REALTIME == kFutexClockRealtime);
static_assert(sizeof(futex_waitv) == 24);

namespace {

constexpr u64 kNsPerSec = 1'000'000'000ull;

// A user timespec as nanoseconds (EFAULT, EINVAL as timespec64_valid), saturating.
Result<u64> read_timespec(uptr addr) {
    __kernel_timespec ts;
    TRY(copy_from_user(&ts, addr, sizeof(ts)));
    if (ts.tv_sec < 0 || static_cast<u64>(ts.tv_nsec) >= kNsPerSec) return Error(EINVAL);
    u64 ns;
    if (__builtin_mul_overflow(static_cast<u64>(ts.tv_sec), kNsPerSec, &ns) ||
        __builtin_add_overflow(ns, static_cast<u64>(ts.tv_nsec), &ns))
        return ~0ull >> 1;
    return ns;
}

u64 saturating_add(u64 a, u64 b) {
    u64 r;
    return __builtin_add_overflow(a, b, &r) ? ~0ull >> 1 : r;
}

// An absolute time on CLOCK_REALTIME or CLOCK_MONOTONIC as a monotonic deadline (never 0,
// which means "none").
u64 absolute_deadline(u64 abs_ns, bool realtime) {
    u64 now = monotonic_ns();
    if (!realtime) return abs_ns ? abs_ns : 1;
    Timespec rt = realtime_now();
    u64 rt_ns = static_cast<u64>(rt.sec) * kNsPerSec + static_cast<u64>(rt.nsec);
    return abs_ns > rt_ns ? saturating_add(now, abs_ns - rt_ns) : (now ? now : 1);
}

}  // namespace

SyscallResult sys_futex(UserPtr<u32> uaddr_ptr, int op, u32 val, u64 utime, UserPtr<u32> uaddr2_ptr, u32 val3) {
    FutexOp o = futex_decode_op(op);
    uptr uaddr = uaddr_ptr.addr(), uaddr2 = uaddr2_ptr.addr();
    u64 deadline = 0;
    bool has_timeout = false;
    if (utime && futex_cmd_has_timeout(o.cmd)) {
        u64 t = TRY(read_timespec(utime));
        has_timeout = true;
        if (o.cmd == FUTEX_WAIT) deadline = saturating_add(monotonic_ns(), t);   // relative
        else deadline = absolute_deadline(t, o.cmd == FUTEX_LOCK_PI || o.clock_realtime);
    }
    if (o.clock_realtime && !futex_cmd_allows_realtime(o.cmd)) return Error(ENOSYS);
    // For the requeue family the timeout argument carries a count (val2).
    int val2 = static_cast<int>(static_cast<u32>(utime));
    switch (o.cmd) {
    case FUTEX_WAIT: return futex_wait(uaddr, o.shared, val, deadline, has_timeout, kFutexBitsetAny);
    case FUTEX_WAIT_BITSET: return futex_wait(uaddr, o.shared, val, deadline, has_timeout, val3);
    case FUTEX_WAKE: return futex_wake_addr(uaddr, o.shared, static_cast<int>(val), kFutexBitsetAny);
    case FUTEX_WAKE_BITSET: return futex_wake_addr(uaddr, o.shared, static_cast<int>(val), val3);
    case FUTEX_REQUEUE: return futex_requeue(uaddr, o.shared, uaddr2, static_cast<int>(val), val2, nullptr);
    case FUTEX_CMP_REQUEUE: return futex_requeue(uaddr, o.shared, uaddr2, static_cast<int>(val), val2, &val3);
    case FUTEX_WAKE_OP: return futex_wake_op(uaddr, o.shared, uaddr2, static_cast<int>(val), val2, val3);
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2: return futex_lock_pi(uaddr, o.shared, deadline, false);
    case FUTEX_UNLOCK_PI: return futex_unlock_pi(uaddr, o.shared);
    case FUTEX_TRYLOCK_PI: return futex_lock_pi(uaddr, o.shared, 0, true);
    case FUTEX_WAIT_REQUEUE_PI: return futex_wait_requeue_pi(uaddr, o.shared, val, deadline, uaddr2);
    case FUTEX_CMP_REQUEUE_PI:
        return futex_cmp_requeue_pi(uaddr, o.shared, uaddr2, static_cast<int>(val), val2, val3);
    default: return Error(ENOSYS);
    }
}

SyscallResult sys_futex_waitv(UserPtr<const void> waiters, u32 nr, u32 flags, UserPtr<const void> timeout, int clockid) {
    if (flags) return Error(EINVAL);
    if (!nr || nr > FUTEX_WAITV_MAX || waiters.is_null()) return Error(EINVAL);
    u64 deadline = 0;
    if (!timeout.is_null()) {
        if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC) return Error(EINVAL);
        u64 t = TRY(read_timespec(timeout.addr()));
        deadline = absolute_deadline(t, clockid == CLOCK_REALTIME);
    }
    FutexWaitvEntry entries[FUTEX_WAITV_MAX];
    for (u32 i = 0; i < nr; i++) {
        futex_waitv w;
        TRY(copy_from_user(&w, waiters.addr() + i * sizeof(w), sizeof(w)));
        if ((w.flags & ~static_cast<u32>(FUTEX_32 | FUTEX_PRIVATE_FLAG)) || w.__reserved) return Error(EINVAL);
        if (!(w.flags & FUTEX_32)) return Error(EINVAL);
        // Only the low 32 bits of val are compared (Linux truncates it).
        entries[i] = FutexWaitvEntry{static_cast<uptr>(w.uaddr), static_cast<u32>(w.val), !(w.flags & FUTEX_PRIVATE_FLAG)};
    }
    return futex_wait_multiple(entries, nr, deadline);
}
