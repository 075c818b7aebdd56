// SPDX-License-Identifier: MIT
#include "sync/mutex.h"

#include "core/panic.h"
#include "sync/lockdep.h"

void Mutex::lock() {
    if (lockdep_holding_spinlock()) panic("mutex %s taken while holding a spinlock", m_name);
    Thread* self = current_thread();
    if (m_owner.load(std::memory_order_relaxed) == self) panic("recursive lock of mutex %s", m_name);
    for (;;) {
        Thread* expected = nullptr;
        if (m_owner.compare_exchange_strong(expected, self, std::memory_order_acquire)) return;
        m_waiters.wait_until([&] { return m_owner.load(std::memory_order_relaxed) == nullptr; });
    }
}

bool Mutex::try_lock() {
    Thread* expected = nullptr;
    return m_owner.compare_exchange_strong(expected, current_thread(), std::memory_order_acquire);
}

void Mutex::unlock() {
    VERIFY(m_owner.load(std::memory_order_relaxed) == current_thread());
    m_owner.store(nullptr, std::memory_order_release);
    m_waiters.wake_one();
}

bool Mutex::is_locked_by_current() const { return m_owner.load(std::memory_order_relaxed) == current_thread(); }
