// SPDX-License-Identifier: MIT
#include "core/wait_queue.h"

void WaitQueue::enqueue_blocked(Thread* self) {
    m_waiters.push_back(*self);
    sched_mark_blocked(self);
}

void WaitQueue::wake_one() {
    SpinlockGuard g(m_lock);
    if (Thread* t = m_waiters.pop_front()) sched_wake(t);
}

void WaitQueue::wake_all() {
    SpinlockGuard g(m_lock);
    while (Thread* t = m_waiters.pop_front()) sched_wake(t);
}

usize WaitQueue::waiter_count() {
    SpinlockGuard g(m_lock);
    return m_waiters.size();
}
