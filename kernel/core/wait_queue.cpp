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

void WaitQueue::wake_one(u32 key) {
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
    if (m_has_async.load(std::memory_order_acquire)) notify_async(key);
}

void WaitQueue::wake_all(u32 key) {
    {
        SpinlockGuard g(m_lock);
        while (Waiter* w = m_waiters.pop_front()) {
            w->fired.store(true);
            sched_wake(w->thread);
        }
    }
    if (m_has_async.load(std::memory_order_acquire)) notify_async(key);
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

void WaitQueue::notify_async(u32 key) {
    // Each callback is pinned under the lock and fired after it (firing sends signals or wakes
    // other queues: the process-tree lock ranks before wait queues), one at a time so that any
    // number can be registered. A callback already fired by a later round is skipped: that
    // round saw this one's state change too.
    u64 gen;
    {
        SpinlockGuard g(m_lock);
        gen = ++m_wake_gen;
    }
    for (;;) {
        AsyncNotify* next = nullptr;
        {
            SpinlockGuard g(m_lock);
            for (AsyncNotify& a : m_async) {
                if (a.fired_gen >= gen) continue;
                a.fired_gen = gen;
                a.pins.fetch_add(1, std::memory_order_acq_rel);
                next = &a;
                break;
            }
        }
        if (!next) return;
        next->fire(next, key);
        next->pins.fetch_sub(1, std::memory_order_acq_rel);
    }
}

usize WaitQueue::waiter_count() {
    SpinlockGuard g(m_lock);
    return m_waiters.size();
}
