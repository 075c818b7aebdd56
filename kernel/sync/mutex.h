// SPDX-License-Identifier: MIT
// Sleeping mutex: contended waiters block on a wait queue. Never taken while holding a spinlock
// (checked), never from interrupt context. MutexProtected<T> makes the mutex own the data.
#pragma once

#include <atomic>
#include <utility>

#include "core/wait_queue.h"

class Mutex {
public:
    explicit Mutex(const char* name = "mutex") : m_name(name) {}
    ARAMID_NOCOPY(Mutex);

    void lock();
    bool try_lock();
    void unlock();
    bool is_locked_by_current() const;
    const char* name() const { return m_name; }

private:
    // The owning Thread, with bit 0 set once someone may be waiting: unlock wakes only then
    // (a thread that slept takes the lock with the bit set, for the waiters still queued).
    static constexpr uptr kWaiters = 1;
    Thread* owner() const { return reinterpret_cast<Thread*>(m_owner.load(std::memory_order_relaxed) & ~kWaiters); }
    void lock_slow(uptr self);
    std::atomic<uptr> m_owner{0};
    WaitQueue m_waiters;
    const char* m_name;
};

class [[nodiscard]] MutexGuard {
public:
    explicit MutexGuard(Mutex& m) : m_mutex(m) { m.lock(); }
    ~MutexGuard() { m_mutex.unlock(); }
    ARAMID_NOCOPY(MutexGuard);

private:
    Mutex& m_mutex;
};

template <typename T>
class MutexProtected {
public:
    template <typename... Args>
    explicit MutexProtected(const char* name, Args&&... args) : m_mutex(name), m_value(std::forward<Args>(args)...) {}

    template <typename F>
    decltype(auto) with(F&& f) {
        MutexGuard g(m_mutex);
        return f(m_value);
    }
    Mutex& mutex() { return m_mutex; }

private:
    Mutex m_mutex;
    T m_value;
};

// A MutexGuard that locks only when asked to (a lock some callers can prove unnecessary).
class [[nodiscard]] OptionalMutexGuard {
public:
    OptionalMutexGuard(Mutex& m, bool take) : m_mutex(take ? &m : nullptr) {
        if (m_mutex) m_mutex->lock();
    }
    ~OptionalMutexGuard() {
        if (m_mutex) m_mutex->unlock();
    }
    ARAMID_NOCOPY(OptionalMutexGuard);

private:
    Mutex* m_mutex;
};
