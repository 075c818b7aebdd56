// SPDX-License-Identifier: MIT
// Wait queues: threads sleep until a condition holds. The condition is checked under the queue's
// lock and the thread is marked blocked under that same lock, so a wake between the check and
// the sleep is never lost.
#pragma once

#include "core/sched.h"
#include "sync/spinlock.h"

class WaitQueue {
public:
    WaitQueue() : m_lock(LockRank::WaitQueue, "waitqueue") {}
    ARAMID_NOCOPY(WaitQueue);

    // Sleeps until pred() is true (checked under the queue lock). deadline_ns 0 = no timeout.
    // Returns false on timeout.
    template <typename Pred>
    bool wait_until(Pred pred, u64 deadline_ns = 0) {
        Thread* self = current_thread();
        for (;;) {
            {
                SpinlockGuard g(m_lock);
                if (pred()) return true;
                if (deadline_ns && arch::clock_ns() >= deadline_ns) return false;
                enqueue_blocked(self);
            }
            bool woken = sched_block_until(deadline_ns);
            SpinlockGuard g(m_lock);
            if (m_waiters.is_linked(*self)) m_waiters.remove(*self);
            if (!woken && !pred()) return false;
        }
    }

    void wake_one();
    void wake_all();
    usize waiter_count();
    Spinlock& lock() { return m_lock; }

private:
    void enqueue_blocked(Thread* self);
    Spinlock m_lock;
    IntrusiveList<Thread, &Thread::wait_node> m_waiters;
};
