// SPDX-License-Identifier: MIT
// The futex operations behind futex(2) and futex_waitv(2), one function per family. Deadlines
// are monotonic nanoseconds (0 = none); the syscall layer converts the user's timeouts.
#pragma once

#include "core/thread.h"
#include "lib/result.h"

// FUTEX_WAIT / WAIT_BITSET. has_timeout picks the restart protocol after a signal (Linux:
// ERESTARTSYS without a timeout, restart_syscall to the same deadline with one).
Result<i64> futex_wait(uptr uaddr, bool shared, u32 val, u64 deadline, bool has_timeout, u32 bitset);
// restart_syscall of an interrupted timed wait (the state is in the thread).
Result<i64> futex_wait_restart();
// FUTEX_REQUEUE (cmpval null) / CMP_REQUEUE.
Result<i64> futex_requeue(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_requeue, const u32* cmpval);
Result<i64> futex_wake_op(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_wake2, u32 encoded_op);

// Priority-inheritance futexes (futex_pi.cpp).
Result<i64> futex_lock_pi(uptr uaddr, bool shared, u64 deadline, bool trylock);
Result<i64> futex_unlock_pi(uptr uaddr, bool shared);
Result<i64> futex_wait_requeue_pi(uptr uaddr, bool shared, u32 val, u64 deadline, uptr uaddr2);
Result<i64> futex_cmp_requeue_pi(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_requeue, u32 cmpval);
// Exit of a PI owner (Linux's exit_pi_state_list): each PI futex it still owns in the kernel's
// view goes to its top waiter, with FUTEX_OWNER_DIED.
void futex_pi_owner_exit(Thread* self);

// futex_waitv: n waiters (uaddr, val, flags as struct futex_waitv); the index of a woken one.
struct FutexWaitvEntry {
    uptr uaddr;
    u32 val;
    bool shared;
};
Result<i64> futex_wait_multiple(const FutexWaitvEntry* v, usize n, u64 deadline);
