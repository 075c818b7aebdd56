// SPDX-License-Identifier: MIT
// Spinlock that disables interrupts while held (so it is safe against interrupt handlers on
// the same CPU), taken only through SpinlockGuard. Protected<T> makes the lock own the data.
#pragma once

#include <atomic>
#include <utility>

#include "arch/cpu.h"
#include "core/percpu.h"
#include "sync/lock_rank.h"
#include "sync/lockdep.h"

class Spinlock {
public:
    constexpr explicit Spinlock(LockRank rank, const char* name = "spinlock") : m_rank(rank), m_name(name) {}
    ARAMID_NOCOPY(Spinlock);

    bool is_locked() const { return m_locked.load(std::memory_order_relaxed); }
    LockRank rank() const { return m_rank; }
    const char* name() const { return m_name; }

private:
    friend class SpinlockGuard;
    arch::IrqState lock();
    void unlock(arch::IrqState);
    std::atomic<bool> m_locked{false};
    LockRank m_rank;
    const char* m_name;
};

// Inline: every syscall takes a few of these. Each CPU records what it holds (printed on panic);
// debug builds also check lock ranks (lockdep.cpp).
inline arch::IrqState Spinlock::lock() {
    arch::IrqState s = arch::irq_save();
#ifdef ARAMID_DEBUG
    lockdep_acquire(*this);
#else
    PerCpu* cpu = this_cpu_or_null();
    if (cpu && cpu->held_lock_count < PerCpu::kMaxHeldLocks) cpu->held_locks[cpu->held_lock_count++] = this;
    else lockdep_acquire(*this);   // no CPU area yet, or too many held: the checked path
#endif
    while (m_locked.exchange(true, std::memory_order_acquire)) {
        while (m_locked.load(std::memory_order_relaxed)) arch::cpu_relax();
    }
    return s;
}

inline void Spinlock::unlock(arch::IrqState s) {
    m_locked.store(false, std::memory_order_release);
#ifdef ARAMID_DEBUG
    lockdep_release(*this);
#else
    PerCpu* cpu = this_cpu_or_null();
    if (cpu && cpu->held_lock_count && cpu->held_locks[cpu->held_lock_count - 1] == this) cpu->held_lock_count--;
    else lockdep_release(*this);   // released out of order
#endif
    arch::irq_restore(s);
}

class [[nodiscard]] SpinlockGuard {
public:
    explicit SpinlockGuard(Spinlock& l) : m_lock(l), m_state(l.lock()) {}
    ~SpinlockGuard() { m_lock.unlock(m_state); }
    ARAMID_NOCOPY(SpinlockGuard);

private:
    Spinlock& m_lock;
    arch::IrqState m_state;
};

// The lock owns the data: the only way to the value is with() under the lock.
template <typename T>
class Protected {
public:
    template <typename... Args>
    constexpr explicit Protected(LockRank rank, const char* name, Args&&... args)
        : m_lock(rank, name), m_value(std::forward<Args>(args)...) {}

    template <typename F>
    decltype(auto) with(F&& f) {
        SpinlockGuard g(m_lock);
        return f(m_value);
    }
    Spinlock& lock() { return m_lock; }
    // For code that must read without the lock (diagnostics); the name makes it stand out.
    T& unsafe_value_for_diagnostics() { return m_value; }

private:
    Spinlock m_lock;
    T m_value;
};
