// SPDX-License-Identifier: MIT
#include "sync/mutex.h"

#include "core/panic.h"
#include "sync/lockdep.h"

void Mutex::lock() {
    if (lockdep_holding_spinlock()) panic("mutex %s taken while holding a spinlock", m_name);
    auto self = reinterpret_cast<uptr>(current_thread());
    uptr expected = 0;
    if (likely(m_owner.compare_exchange_strong(expected, self, std::memory_order_acquire))) return;
    lock_slow(self);
}

void Mutex::lock_slow(uptr self) {
    if (owner() == reinterpret_cast<Thread*>(self)) panic("recursive lock of mutex %s", m_name);
    for (;;) {
        uptr cur = m_owner.load(std::memory_order_relaxed);
        if (cur == 0) {
            if (m_owner.compare_exchange_strong(cur, self | kWaiters, std::memory_order_acquire)) return;
            continue;
        }
        if (!(cur & kWaiters) && !m_owner.compare_exchange_strong(cur, cur | kWaiters, std::memory_order_relaxed))
            continue;
        // Checked with this thread already queued. Between the wake-up that ended a sleep and
        // this check, another thread may have taken the lock through the fast path, clearing the
        // bit: set it again before sleeping, or that owner's unlock would wake no one.
        m_waiters.wait_until([&] {
            uptr now = m_owner.load(std::memory_order_relaxed);
            if (now == 0) return true;
            if (now & kWaiters) return false;
            return !m_owner.compare_exchange_strong(now, now | kWaiters, std::memory_order_relaxed);
        });
    }
}

bool Mutex::try_lock() {
    uptr expected = 0;
    return m_owner.compare_exchange_strong(expected, reinterpret_cast<uptr>(current_thread()),
                                           std::memory_order_acquire);
}

void Mutex::unlock() {
    uptr old = m_owner.exchange(0, std::memory_order_release);
    VERIFY((old & ~kWaiters) == reinterpret_cast<uptr>(current_thread()));
    if (old & kWaiters) m_waiters.wake_one();
}

bool Mutex::is_locked_by_current() const { return owner() == current_thread(); }
