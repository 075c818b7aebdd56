// SPDX-License-Identifier: MIT
#include "sync/spinlock.h"

#include "core/percpu.h"
#include "sync/lockdep.h"

arch::IrqState Spinlock::lock() {
    arch::IrqState s = arch::irq_save();
    lockdep_acquire(*this);
    while (m_locked.exchange(true, std::memory_order_acquire)) {
        while (m_locked.load(std::memory_order_relaxed)) arch::cpu_relax();
    }
    return s;
}

void Spinlock::unlock(arch::IrqState s) {
    m_locked.store(false, std::memory_order_release);
    lockdep_release(*this);
    arch::irq_restore(s);
}
