// SPDX-License-Identifier: MIT
#include "ipc/futex_table.h"

#include <new>

#include "core/process.h"
#include "core/process_table.h"
#include "core/sched.h"
#include "core/signal.h"
#include "core/time.h"
#include "mm/kheap.h"

FutexBucket* futex_buckets() {
    static FutexBucket buckets[kFutexBuckets];
    return buckets;
}

FutexBucket& futex_bucket(const FutexKey& k) { return futex_buckets()[futex_key_hash(k) % kFutexBuckets]; }

FutexQueue* futex_queue_find(FutexBucket& b, const FutexKey& k) {
    for (FutexQueue& q : b.queues)
        if (q.key == k) return &q;
    return nullptr;
}

Result<FutexQueue*> futex_queue_get(FutexBucket& b, const FutexKey& k) {
    if (FutexQueue* q = futex_queue_find(b, k)) return q;
    auto* q = new (std::nothrow) FutexQueue();
    if (!q) return Error(ENOMEM);
    q->key = k;
    b.queues.push_back(*q);
    return q;
}

void futex_set_pi_owner(FutexQueue& q, Thread* owner) {
    if (owner) {
        owner->ref();
        owner->pi_owned.fetch_add(1, std::memory_order_relaxed);
    }
    if (q.pi_owner) {
        q.pi_owner->pi_owned.fetch_sub(1, std::memory_order_relaxed);
        q.pi_owner->unref();
    }
    q.pi_owner = owner;
}

void futex_queue_release(FutexBucket& b, FutexQueue* q) {
    if (!q) return;
    bool pi_waiters = false;
    for (FutexWaiter& w : q->waiters) pi_waiters |= w.pi;
    if (!pi_waiters && q->pi_state) {
        // Linux frees pi_state with its last waiter: the owner keeps the lock in user space.
        q->pi_state = false;
        futex_set_pi_owner(*q, nullptr);
    }
    if (!q->waiters.empty() || q->pi_state) return;
    b.queues.remove(*q);
    delete q;
}

void futex_enqueue(FutexBucket& b, FutexQueue& q, FutexWaiter& w) {
    w.queue = &q;
    w.bucket.store(&b, std::memory_order_relaxed);
    w.woken.store(false, std::memory_order_relaxed);
    q.waiters.push_back(w);
}

void futex_unqueue(FutexBucket& b, FutexWaiter& w, bool wake) {
    FutexQueue* q = w.queue;
    if (!q) return;
    q->waiters.remove(w);
    w.queue = nullptr;
    Thread* t = w.thread;
    if (wake) {
        // After this store the waiter may return and its stack frame go away: t is a copy.
        w.woken.store(true, std::memory_order_release);
        sched_wake(t);
    }
    futex_queue_release(b, q);
}

void futex_requeue_one(FutexBucket& b1, FutexBucket& b2, FutexQueue& q2, FutexWaiter& w, const FutexKeyRef& k2) {
    FutexQueue* q1 = w.queue;
    q1->waiters.remove(w);
    w.key = k2;
    w.queue = &q2;
    w.bucket.store(&b2, std::memory_order_release);
    q2.waiters.push_back(w);
    if (q1 != &q2) futex_queue_release(b1, q1);
}

FutexWaiterLock::FutexWaiterLock(FutexWaiter& w) {
    for (;;) {
        FutexBucket* b = w.bucket.load(std::memory_order_acquire);
        new (m_guard) SpinlockGuard(b->lock);
        if (w.bucket.load(std::memory_order_acquire) == b) {
            m_bucket = b;
            return;
        }
        reinterpret_cast<SpinlockGuard*>(m_guard)->~SpinlockGuard();   // requeued meanwhile
    }
}

FutexWaiterLock::~FutexWaiterLock() { reinterpret_cast<SpinlockGuard*>(m_guard)->~SpinlockGuard(); }

FutexDoubleLock::FutexDoubleLock(FutexBucket& a, FutexBucket& b) : m_two(&a != &b) {
    FutexBucket* first = &a < &b ? &a : &b;
    FutexBucket* second = &a < &b ? &b : &a;
    new (m_first) SpinlockGuard(first->lock);
    if (m_two) new (m_second) SpinlockGuard(second->lock);
}

FutexDoubleLock::~FutexDoubleLock() {
    if (m_two) reinterpret_cast<SpinlockGuard*>(m_second)->~SpinlockGuard();
    reinterpret_cast<SpinlockGuard*>(m_first)->~SpinlockGuard();
}

FutexSleepEnd futex_sleep(FutexWaiter* ws, usize n, u64 deadline) {
    Thread* self = current_thread();
    for (;;) {
        // Marked blocked before the checks: a wake-up or signal after them makes the block
        // below return at once (the thread is Running again).
        bool any = false;
        for (usize i = 0; i < n; i++) any |= ws[i].woken.load(std::memory_order_acquire);
        if (any) {
            sched_unblock_self();
            return FutexSleepEnd::Woken;
        }
        if (deadline && monotonic_ns() >= deadline) {
            sched_unblock_self();
            return FutexSleepEnd::TimedOut;
        }
        if (signal_pending_current()) {
            sched_unblock_self();
            return FutexSleepEnd::Signal;
        }
        sched_block_until(deadline);
        sched_mark_blocked(self);
    }
}

int futex_unqueue_all(FutexWaiter* ws, usize n) {
    int woken = -1;
    for (usize i = 0; i < n; i++) {
        FutexWaiterLock g(ws[i]);
        futex_unqueue(g.bucket(), ws[i], false);
        if (ws[i].woken.load(std::memory_order_acquire)) woken = static_cast<int>(i);
    }
    return woken;
}

Result<i64> futex_wake_addr(uptr uaddr, bool shared, int nr, u32 bitset) {
    if (!bitset) return Error(EINVAL);
    FutexKeyRef k = TRY(futex_key(uaddr, shared, false));
    return futex_wake_key(k.key, nr, bitset);
}

Thread* futex_find_thread(int tid) {
    if (tid <= 0) return nullptr;
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = thread_find_locked(tid);
    if (t) t->ref();
    return t;
}
