// SPDX-License-Identifier: MIT
// Priority-inheritance futexes: the user-word protocol exactly as Linux's kernel/futex/pi.c
// (owner TID, FUTEX_WAITERS while the kernel has PI state, FUTEX_OWNER_DIED, direct handoff to
// the top waiter on UNLOCK_PI), with requeue-PI for condition variables. The scheduler is
// round-robin without priorities, so the inheritance itself (boosting the owner) is a no-op;
// waiters are served in arrival order, as Linux serves equal priorities.
#include "core/process.h"
#include "core/sched.h"
#include "ipc/futex_ops.h"
#include "ipc/futex_table.h"
#include "mm/user_atomic.h"
#include "syscalls/types.h"

namespace {

constexpr u8 kFutexStateExiting = 1, kFutexStateDead = 2;

u32 tid_of(Thread* t) { return static_cast<u32>(t->tid); }

FutexWaiter* top_pi_waiter(FutexQueue* q) {
    if (!q || !q->pi_state) return nullptr;
    for (FutexWaiter& w : q->waiters)
        if (w.pi) return &w;
    return nullptr;
}

// The owner named by the word is gone: a changed word means retry, else the word is bogus.
Result<int> handle_exit_race(uptr uaddr, u32 uval) {
    u32 now = TRY(user_read_u32(uaddr));
    if (now != uval) return Error(EAGAIN);
    return Error(ESRCH);
}

// Linux's attach_to_pi_state: the word must agree with the kernel's owner.
Result<int> attach_to_pi_state(u32 uval, FutexQueue& q) {
    u32 pid = uval & kFutexTidMask;
    if (uval & kFutexOwnerDied) {
        if (!q.pi_owner) return pid ? Result<int>(Error(EINVAL)) : Result<int>(0);
        if (!pid) return 0;
    } else if (!q.pi_owner) {
        return Error(EINVAL);
    }
    if (pid != tid_of(q.pi_owner)) return Error(EINVAL);
    return 0;
}

// Linux's attach_to_pi_owner: the first waiter creates the PI state naming the word's owner.
Result<int> attach_to_pi_owner(uptr uaddr, u32 uval, FutexBucket& b, const FutexKey& key) {
    u32 pid = uval & kFutexTidMask;
    if (!pid) return Error(EAGAIN);
    Thread* owner = futex_find_thread(static_cast<int>(pid));
    if (!owner) return handle_exit_race(uaddr, uval);
    u8 state = owner->futex_state.load(std::memory_order_acquire);
    if (state != 0 || !owner->process) {
        owner->unref();
        if (state == kFutexStateExiting) return Error(EBUSY);   // wait for its exit to finish
        if (state == kFutexStateDead) return handle_exit_race(uaddr, uval);
        return Error(EPERM);
    }
    auto q = futex_queue_get(b, key);
    if (q.is_error()) {
        owner->unref();
        return q.error();
    }
    q.value()->pi_state = true;
    futex_set_pi_owner(*q.value(), owner);
    owner->unref();
    return 0;
}

// Linux's futex_lock_pi_atomic, bucket locked: 1 = task now owns the lock, 0 = PI state is
// attached and task must wait. EFAULT means "fault the word in and retry", EAGAIN "retry",
// EBUSY "the owner is exiting: retry after it".
Result<int> lock_pi_atomic(uptr uaddr, FutexBucket& b, const FutexKey& key, Thread* task, bool set_waiters) {
    u32 uval = TRY(user_read_u32(uaddr));
    if ((uval & kFutexTidMask) == tid_of(task)) return Error(EDEADLK);
    FutexQueue* q = futex_queue_find(b, key);
    if (q && q->pi_state) return attach_to_pi_state(uval, *q);
    if (!(uval & kFutexTidMask)) {
        u32 found = TRY(user_cmpxchg_u32(uaddr, uval, pi_take_free(uval, tid_of(task), set_waiters)));
        if (found != uval) return Error(EAGAIN);
        if (set_waiters) {
            FutexQueue* nq = TRY(futex_queue_get(b, key));
            nq->pi_state = true;
            futex_set_pi_owner(*nq, task);
        }
        return 1;
    }
    u32 found = TRY(user_cmpxchg_u32(uaddr, uval, uval | kFutexWaiters));
    if (found != uval) return Error(EAGAIN);
    return attach_to_pi_owner(uaddr, uval | kFutexWaiters, b, key);
}

// After a handoff caused by the owner's death the new owner writes its TID (Linux's
// fixup_pi_state_owner), keeping FUTEX_OWNER_DIED so the mutex reports EOWNERDEAD.
Result<void> fixup_owner_died(uptr uaddr) {
    u32 uval = TRY(user_read_u32(uaddr));
    for (;;) {
        u32 found = TRY(user_cmpxchg_u32(uaddr, uval, pi_handoff_value(uval, tid_of(current_thread()), true)));
        if (found == uval) return {};
        uval = found;
    }
}

// The retry policy shared by LOCK_PI and CMP_REQUEUE_PI for lock_pi_atomic's soft errors.
Result<void> pi_retry_after(int err, uptr uaddr) {
    if (err == EFAULT) return user_fault_in_writeable(uaddr);
    if (err == EBUSY) thread_yield();
    if (err == EAGAIN || err == EBUSY) return {};
    return Error(err);
}

// Sleeps as a PI waiter (queued, marked blocked) and sorts out how the wait ended.
FutexSleepEnd pi_sleep(FutexWaiter& w, uptr uaddr, u64 deadline, bool& acquired) {
    FutexSleepEnd end = futex_sleep(&w, 1, deadline);
    {
        FutexWaiterLock g(w);
        futex_unqueue(g.bucket(), w, false);
    }
    acquired = w.got_lock;   // a handoff may beat the timeout or the signal
    if (acquired && w.owner_died) (void)fixup_owner_died(uaddr);
    return end;
}

}  // namespace

Result<i64> futex_lock_pi(uptr uaddr, bool shared, u64 deadline, bool trylock) {
    Thread* self = current_thread();
    FutexWaiter w;
    w.thread = self;
    w.pi = true;
    for (;;) {
        w.key = TRY(futex_key(uaddr, shared, true));
        FutexBucket& b = futex_bucket(w.key.key);
        int err;
        {
            SpinlockGuard g(b.lock);
            auto r = lock_pi_atomic(uaddr, b, w.key.key, self, false);
            if (r.is_ok() && r.value() == 1) return 0;
            if (r.is_ok()) {
                FutexQueue* q = futex_queue_find(b, w.key.key);
                if (trylock) {
                    // Linux leaves FUTEX_WAITERS set in the word here.
                    futex_queue_release(b, q);
                    return Error(EAGAIN);
                }
                futex_enqueue(b, *q, w);
                sched_mark_blocked(self);
                break;
            }
            err = r.error_code();
        }
        TRY(pi_retry_after(err, uaddr));
    }
    bool acquired;
    FutexSleepEnd end = pi_sleep(w, uaddr, deadline, acquired);
    if (acquired) return 0;
    if (end == FutexSleepEnd::TimedOut) return Error(ETIMEDOUT);
    return Error(ERESTARTNOINTR);   // LOCK_PI is always restarted after a handler
}

Result<i64> futex_unlock_pi(uptr uaddr, bool shared) {
    Thread* self = current_thread();
    for (;;) {
        u32 uval = TRY(user_read_u32(uaddr));
        if ((uval & kFutexTidMask) != tid_of(self)) return Error(EPERM);
        FutexKeyRef key = TRY(futex_key(uaddr, shared, true));
        FutexBucket& b = futex_bucket(key.key);
        {
            SpinlockGuard g(b.lock);
            FutexQueue* q = futex_queue_find(b, key.key);
            u32 found;
            if (FutexWaiter* top = top_pi_waiter(q)) {
                if (q->pi_owner != self) return Error(EINVAL);
                Thread* next = top->thread;
                if (arch_user_cmpxchg_u32(uaddr, uval, pi_handoff_value(uval, tid_of(next), false), &found)) {
                    if (found == uval) {
                        top->got_lock = true;
                        futex_set_pi_owner(*q, next);
                        futex_unqueue(b, *top, true);
                        return 0;
                    }
                    // A waiter set FUTEX_WAITERS after our read: retry; anything else is bogus.
                    if ((found & kFutexTidMask) != uval) return Error(EINVAL);
                    continue;
                }
            } else if (arch_user_cmpxchg_u32(uaddr, uval, 0, &found)) {
                // No kernel waiters: the word goes to 0 (WAITERS and OWNER_DIED dropped).
                if (found == uval) return 0;
                return Error(EAGAIN);
            }
        }
        TRY(user_fault_in_writeable(uaddr));
    }
}

Result<i64> futex_wait_requeue_pi(uptr uaddr, bool shared, u32 val, u64 deadline, uptr uaddr2) {
    if (uaddr == uaddr2) return Error(EINVAL);
    Thread* self = current_thread();
    FutexKeyRef k2 = TRY(futex_key(uaddr2, shared, true));
    FutexWaiter w;
    w.thread = self;
    w.requeue_pi = true;
    w.requeue_target = k2.key;
    // The same futex through two mappings is refused too (EINVAL).
    TRY(futex_wait_setup(w, uaddr, shared, val, &k2.key));
    bool acquired;
    FutexSleepEnd end = pi_sleep(w, uaddr2, deadline, acquired);
    if (acquired) return 0;
    if (end == FutexSleepEnd::TimedOut) return Error(ETIMEDOUT);
    // Requeued to the PI futex already: Linux answers EAGAIN rather than restart; still on
    // the first futex: restart.
    if (end == FutexSleepEnd::Signal) return w.pi ? Error(EAGAIN) : Error(ERESTARTNOINTR);
    return Error(EAGAIN);
}

Result<i64> futex_cmp_requeue_pi(uptr uaddr1, bool shared, uptr uaddr2, int nr_wake, int nr_requeue, u32 cmpval) {
    if (nr_wake < 0 || nr_requeue < 0) return Error(EINVAL);
    if (uaddr1 == uaddr2) return Error(EINVAL);
    // One waiter is woken at most, and only when it could take the PI futex.
    if (nr_wake != 1) return Error(EINVAL);
    for (;;) {
        FutexKeyRef k1 = TRY(futex_key(uaddr1, shared, false));
        FutexKeyRef k2 = TRY(futex_key(uaddr2, shared, true));
        if (k1.key == k2.key) return Error(EINVAL);
        FutexBucket& b1 = futex_bucket(k1.key);
        FutexBucket& b2 = futex_bucket(k2.key);
        int err = 0;
        uptr fault_addr = uaddr1;
        {
            FutexDoubleLock g(b1, b2);
            auto cur = user_read_u32(uaddr1);
            if (cur.is_error()) {
                err = EFAULT;
            } else {
                if (cur.value() != cmpval) return Error(EAGAIN);
                FutexQueue* q1 = futex_queue_find(b1, k1.key);
                if (!q1) return 0;
                i64 count = 0;
                FutexWaiter& top = *q1->waiters.begin();
                if (!top.requeue_pi || top.pi || !(top.requeue_target == k2.key)) return Error(EINVAL);
                // Try to take the PI futex for the top waiter (forcing WAITERS when others will
                // queue behind it).
                auto r = lock_pi_atomic(uaddr2, b2, k2.key, top.thread, nr_requeue > 0);
                if (r.is_error()) {
                    err = r.error_code();
                    fault_addr = uaddr2;
                } else {
                    bool last_gone = false;
                    if (r.value() == 1) {
                        last_gone = q1->waiters.next_of(top) == nullptr;
                        top.got_lock = true;
                        top.requeue_pi = false;
                        futex_unqueue(b1, top, true);
                        count++;
                    }
                    if (!last_gone) {
                        FutexQueue* q2 = futex_queue_find(b2, k2.key);
                        for (FutexWaiter& w : q1->waiters) {
                            if (count - nr_wake >= nr_requeue) break;
                            if (!w.requeue_pi || w.pi) return Error(EINVAL);
                            if (!(w.requeue_target == k2.key)) return Error(EINVAL);
                            bool last = q1->waiters.next_of(w) == nullptr;
                            // They now wait for the PI futex itself, as LOCK_PI waiters.
                            w.requeue_pi = false;
                            w.pi = true;
                            futex_requeue_one(b1, b2, *q2, w, k2);
                            count++;
                            if (last) break;
                        }
                        futex_queue_release(b2, q2);
                    }
                    return count;
                }
            }
        }
        TRY(pi_retry_after(err, fault_addr));
    }
}

void futex_pi_owner_exit(Thread* self) {
    // Owners are recorded under bucket locks, and an exiting thread (futex_state set) becomes
    // no new owner: a zero count means there is nothing to hand over, without visiting every
    // bucket on every thread exit.
    if (self->pi_owned.load(std::memory_order_acquire) == 0) return;
    futex_for_each_bucket([&](FutexBucket& b) {
        SpinlockGuard g(b.lock);
        for (FutexQueue& q : b.queues) {
            if (!q.pi_state || q.pi_owner != self) continue;
            FutexWaiter* top = top_pi_waiter(&q);
            futex_set_pi_owner(q, top ? top->thread : nullptr);
            if (top) {
                top->got_lock = true;
                top->owner_died = true;
                futex_unqueue(b, *top, true);   // may free q: the loop has its successor
            } else {
                futex_queue_release(b, &q);
            }
        }
    });
}
