// SPDX-License-Identifier: MIT
// FUTEX_WAIT/WAKE and their bitset forms, REQUEUE, CMP_REQUEUE, WAKE_OP and futex_waitv, as
// Linux's kernel/futex/waitwake.c and requeue.c behave: the user word is read under the bucket
// lock with faults disabled; on a fault the lock is dropped, the page faulted in, and the
// operation retried from the key.
#include <new>

#include "core/process.h"
#include "core/sched.h"
#include "ipc/futex_ops.h"
#include "ipc/futex_table.h"
#include "mm/kheap.h"
#include "mm/user_atomic.h"
#include "syscalls/types.h"

namespace {

// Wakes up to nr waiters of k in the locked bucket b (Linux: at least one).
Result<i64> wake_locked(FutexBucket& b, const FutexKey& k, int nr, u32 bitset) {
    FutexQueue* q = futex_queue_find(b, k);
    if (!q) return 0;
    i64 n = 0;
    for (FutexWaiter& w : q->waiters) {
        if (w.pi || w.requeue_pi) return Error(EINVAL);
        if (!(w.bitset & bitset)) continue;
        bool last = q->waiters.next_of(w) == nullptr;
        futex_unqueue(b, w, true);   // frees q with its last waiter
        if (++n >= nr || last) break;
    }
    return n;
}

}  // namespace

Result<i64> futex_wake_key(const FutexKey& key, int nr, u32 bitset) {
    FutexBucket& b = futex_bucket(key);
    SpinlockGuard g(b.lock);
    return wake_locked(b, key, nr, bitset);
}

Result<void> futex_wait_setup(FutexWaiter& w, uptr uaddr, bool shared, u32 val, const FutexKey* forbidden) {
    for (;;) {
        w.key = TRY(futex_key(uaddr, shared, false));
        FutexBucket& b = futex_bucket(w.key.key);
        {
            SpinlockGuard g(b.lock);
            auto v = user_read_u32(uaddr);
            if (v.is_ok()) {
                if (v.value() != val) return Error(EAGAIN);
                if (forbidden && w.key.key == *forbidden) return Error(EINVAL);
                FutexQueue* q = TRY(futex_queue_get(b, w.key.key));
                futex_enqueue(b, *q, w);
                sched_mark_blocked(w.thread);
                return {};
            }
        }
        TRY(user_read_u32(uaddr));   // with interrupts on: pages the word in, or EFAULT
    }
}

Result<i64> futex_wait(uptr uaddr, bool shared, u32 val, u64 deadline, bool has_timeout, u32 bitset) {
    if (!bitset) return Error(EINVAL);
    Thread* self = current_thread();
    FutexWaiter w;
    w.thread = self;
    w.bitset = bitset;
    TRY(futex_wait_setup(w, uaddr, shared, val, nullptr));
    FutexSleepEnd end = futex_sleep(&w, 1, deadline);
    if (futex_unqueue_all(&w, 1) >= 0) return 0;
    if (end == FutexSleepEnd::TimedOut) return Error(ETIMEDOUT);
    if (!has_timeout) return Error(ERESTARTSYS);
    // A timed wait goes on to the same deadline when no handler runs (restart_syscall).
    self->restart_fn = futex_wait_restart;
    self->restart_futex[0] = uaddr;
    self->restart_futex[1] = val | static_cast<u64>(bitset) << 32;
    self->restart_futex[2] = shared;
    self->restart_deadline = deadline;
    return Error(ERESTART_RESTARTBLOCK);
}

Result<i64> futex_wait_restart() {
    Thread* t = current_thread();
    u64 packed = t->restart_futex[1];
    return futex_wait(t->restart_futex[0], t->restart_futex[2] != 0, static_cast<u32>(packed), t->restart_deadline,
                      true, static_cast<u32>(packed >> 32));
}

Result<i64> futex_requeue(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_requeue, const u32* cmpval) {
    if (nr_wake < 0 || nr_requeue < 0) return Error(EINVAL);
    for (;;) {
        FutexKeyRef k1 = TRY(futex_key(uaddr1, shared, false));
        FutexKeyRef k2 = TRY(futex_key(uaddr2, shared, false));
        FutexBucket& b1 = futex_bucket(k1.key);
        FutexBucket& b2 = futex_bucket(k2.key);
        {
            FutexDoubleLock g(b1, b2);
            auto v = cmpval ? user_read_u32(uaddr1) : Result<u32>(0u);
            if (v.is_ok()) {
                if (cmpval && v.value() != *cmpval) return Error(EAGAIN);
                FutexQueue* q1 = futex_queue_find(b1, k1.key);
                if (!q1) return 0;
                i64 count = 0;
                for (FutexWaiter& w : q1->waiters) {
                    if (count - nr_wake >= nr_requeue) break;
                    if (w.pi || w.requeue_pi) return Error(EINVAL);
                    bool last = q1->waiters.next_of(w) == nullptr;
                    if (++count <= nr_wake) {
                        futex_unqueue(b1, w, true);
                    } else if (k1.key == k2.key) {
                        // Requeue onto itself: nothing moves.
                    } else {
                        auto q2 = futex_queue_get(b2, k2.key);
                        if (q2.is_error()) return q2.error();
                        futex_requeue_one(b1, b2, *q2.value(), w, k2);
                    }
                    if (last) break;
                }
                return count;
            }
        }
        TRY(user_read_u32(uaddr1));
    }
}

Result<i64> futex_wake_op(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_wake2, u32 encoded_op) {
    WakeOp op = wake_op_decode(encoded_op);
    for (;;) {
        FutexKeyRef k1 = TRY(futex_key(uaddr1, shared, false));
        FutexKeyRef k2 = TRY(futex_key(uaddr2, shared, true));
        FutexBucket& b1 = futex_bucket(k1.key);
        FutexBucket& b2 = futex_bucket(k2.key);
        {
            FutexDoubleLock g(b1, b2);
            if (!user_range_ok(uaddr2, 4)) return Error(EFAULT);
            u32 scratch;
            if (!wake_op_apply(op, 0, scratch)) return Error(ENOSYS);   // unknown op: memory untouched
            // The op as one atomic read-modify-write (a cmpxchg loop).
            u32 old = 0, found = 0;
            bool done = arch_user_read_u32(uaddr2, &old);
            while (done) {
                u32 next;
                wake_op_apply(op, old, next);
                done = arch_user_cmpxchg_u32(uaddr2, old, next, &found);
                if (!done || found == old) break;
                old = found;
            }
            if (done) {
                int cmp = wake_op_compare(op, old);
                if (cmp < 0) return Error(ENOSYS);   // after the op, as Linux
                i64 n = TRY(wake_locked(b1, k1.key, nr_wake, kFutexBitsetAny));
                if (cmp) n += TRY(wake_locked(b2, k2.key, nr_wake2, kFutexBitsetAny));
                return n;
            }
        }
        TRY(user_fault_in_writeable(uaddr2));
    }
}

Result<i64> futex_wait_multiple(const FutexWaitvEntry* v, usize n, u64 deadline) {
    auto* ws = static_cast<FutexWaiter*>(kmalloc(sizeof(FutexWaiter) * n, alignof(FutexWaiter)));
    if (!ws) return Error(ENOMEM);
    Thread* self = current_thread();
    for (usize i = 0; i < n; i++) {
        new (&ws[i]) FutexWaiter();
        ws[i].thread = self;
    }
    auto result = [&]() -> Result<i64> {
        for (;;) {
            // Every key first (each may sleep on the address space), then queue them one by
            // one with the thread already marked blocked, so no wake-up is lost.
            for (usize i = 0; i < n; i++) ws[i].key = TRY(futex_key(v[i].uaddr, v[i].shared, false));
            sched_mark_blocked(self);
            bool retry = false;
            for (usize i = 0; i < n && !retry; i++) {
                FutexBucket& b = futex_bucket(ws[i].key.key);
                int err = 0;
                {
                    SpinlockGuard g(b.lock);
                    auto val = user_read_u32(v[i].uaddr);
                    if (val.is_error()) err = EFAULT;
                    else if (val.value() != v[i].val) err = EAGAIN;
                    else {
                        auto q = futex_queue_get(b, ws[i].key.key);
                        if (q.is_ok()) {
                            futex_enqueue(b, *q.value(), ws[i]);
                            continue;
                        }
                        err = q.error_code();
                    }
                }
                sched_unblock_self();
                // A wake-up that came meanwhile wins over any error.
                int woken = futex_unqueue_all(ws, i);
                if (woken >= 0) return woken;
                if (err != EFAULT) return Error(err);
                TRY(user_read_u32(v[i].uaddr));
                retry = true;
            }
            if (retry) continue;
            FutexSleepEnd end = futex_sleep(ws, n, deadline);
            int woken = futex_unqueue_all(ws, n);
            if (woken >= 0) return woken;
            if (end == FutexSleepEnd::TimedOut) return Error(ETIMEDOUT);
            return Error(ERESTARTSYS);
        }
    }();
    for (usize i = 0; i < n; i++) ws[i].~FutexWaiter();
    kfree(ws);
    return result;
}
