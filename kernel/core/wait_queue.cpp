// SPDX-License-Identifier: MIT
#include "core/wait_queue.h"

void WaitQueue::add(Waiter& w) {
    SpinlockGuard g(m_lock);
    if (!m_waiters.is_linked(w)) m_waiters.push_back(w);
}

void WaitQueue::remove(Waiter& w) {
    SpinlockGuard g(m_lock);
    if (m_waiters.is_linked(w)) m_waiters.remove(w);
}

void WaitQueue::wake_one() {
    SpinlockGuard g(m_lock);
    // Wake the first waiter that is not already woken, so two wake_one calls wake two threads.
    for (Waiter& w : m_waiters) {
        if (w.fired.exchange(true)) continue;
        m_waiters.remove(w);
        sched_wake(w.thread);
        return;
    }
}

void WaitQueue::wake_all() {
    SpinlockGuard g(m_lock);
    while (Waiter* w = m_waiters.pop_front()) {
        w->fired.store(true);
        sched_wake(w->thread);
    }
}

usize WaitQueue::waiter_count() {
    SpinlockGuard g(m_lock);
    return m_waiters.size();
}
