// SPDX-License-Identifier: MIT
#include "core/wait_queue.h"

#include "arch/cpu.h"

void WaitQueue::add(Waiter& w) {
    SpinlockGuard g(m_lock);
    if (!m_waiters.is_linked(w)) m_waiters.push_back(w);
}

void WaitQueue::remove(Waiter& w) {
    SpinlockGuard g(m_lock);
    if (m_waiters.is_linked(w)) m_waiters.remove(w);
}

void WaitQueue::wake_one() {
    {
        SpinlockGuard g(m_lock);
        // Wake the first waiter that is not already woken, so two wake_one calls wake two threads.
        for (Waiter& w : m_waiters) {
            if (w.fired.exchange(true)) continue;
            m_waiters.remove(w);
            sched_wake(w.thread);
            break;
        }
    }
    if (m_has_async.load(std::memory_order_acquire)) notify_async();
}

void WaitQueue::wake_all() {
    {
        SpinlockGuard g(m_lock);
        while (Waiter* w = m_waiters.pop_front()) {
            w->fired.store(true);
            sched_wake(w->thread);
        }
    }
    if (m_has_async.load(std::memory_order_acquire)) notify_async();
}

void WaitQueue::add_async(AsyncNotify& n) {
    SpinlockGuard g(m_lock);
    if (!m_async.is_linked(n)) m_async.push_back(n);
    m_has_async.store(true, std::memory_order_release);
}

void WaitQueue::remove_async(AsyncNotify& n) {
    {
        SpinlockGuard g(m_lock);
        if (m_async.is_linked(n)) m_async.remove(n);
        m_has_async.store(!m_async.empty(), std::memory_order_release);
    }
    while (n.pins.load(std::memory_order_acquire)) arch::cpu_relax();
}

void WaitQueue::notify_async() {
    // Pinned under the lock, fired after it (firing sends signals: the process-tree lock ranks
    // before wait queues). A handful per queue is all real programs register.
    constexpr usize kMax = 8;
    AsyncNotify* batch[kMax];
    usize n = 0;
    {
        SpinlockGuard g(m_lock);
        for (AsyncNotify& a : m_async) {
            if (n == kMax) break;
            a.pins.fetch_add(1, std::memory_order_acq_rel);
            batch[n++] = &a;
        }
    }
    for (usize i = 0; i < n; i++) {
        batch[i]->fire(batch[i]);
        batch[i]->pins.fetch_sub(1, std::memory_order_acq_rel);
    }
}

usize WaitQueue::waiter_count() {
    SpinlockGuard g(m_lock);
    return m_waiters.size();
}
