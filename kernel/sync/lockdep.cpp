// SPDX-License-Identifier: MIT
#include "sync/lockdep.h"

#include "core/log.h"
#include "core/panic.h"
#include "core/percpu.h"
#include "sync/spinlock.h"

const char* lock_rank_name(LockRank r) {
    switch (r) {
    case LockRank::None: return "none";
    case LockRank::Scheduler: return "scheduler";
    case LockRank::ProcessTree: return "process-tree";
    case LockRank::TimerObject: return "timer-object";
    case LockRank::Epoll: return "epoll";
    case LockRank::Fsnotify: return "fsnotify";
    case LockRank::WaitQueue: return "waitqueue";
    case LockRank::Futex: return "futex";
    case LockRank::Timer: return "timer";
    case LockRank::FdTable: return "fd-table";
    case LockRank::UnixSocket: return "unix-socket";
    case LockRank::Inet: return "inet";
    case LockRank::Tty: return "tty";
    case LockRank::Pty: return "pty";
    case LockRank::BlockQueue: return "block-queue";
    case LockRank::FsInodeCache: return "fs-inode-cache";
    case LockRank::Mqueue: return "mqueue";
    case LockRank::Heap: return "heap";
    case LockRank::PhysMem: return "physmem";
    case LockRank::KernelVm: return "kernelvm";
    case LockRank::Clock: return "clock";
    case LockRank::Log: return "log";
    }
    return "?";
}

void lockdep_acquire(Spinlock& l) {
    PerCpu* cpu = this_cpu_or_null();
    if (!cpu) return;
    if (cpu->held_lock_count >= PerCpu::kMaxHeldLocks) {
        if (!cpu->in_panic) panic("lockdep: more than %u spinlocks held", unsigned(PerCpu::kMaxHeldLocks));
        return;
    }
#ifdef ARAMID_DEBUG
    if (l.rank() != LockRank::None && !cpu->in_panic) {
        for (unsigned i = 0; i < cpu->held_lock_count; i++) {
            Spinlock* h = cpu->held_locks[i];
            if (h == &l)
                panic("lockdep: recursive acquisition of %s", l.name());
            // Futex buckets nest in address order (two at once for requeue and WAKE_OP).
            bool address_ordered = l.rank() == LockRank::Futex && h->rank() == LockRank::Futex && h < &l;
            if (h->rank() != LockRank::None && h->rank() >= l.rank() && !address_ordered)
                panic("lockdep: taking %s (rank %s) while holding %s (rank %s)", l.name(),
                      lock_rank_name(l.rank()), h->name(), lock_rank_name(h->rank()));
        }
    }
#endif
    cpu->held_locks[cpu->held_lock_count++] = &l;
}

void lockdep_release(Spinlock& l) {
    PerCpu* cpu = this_cpu_or_null();
    if (!cpu || cpu->held_lock_count == 0) return;
    // Guards nest, so the lock released is normally the last one taken; tolerate any order.
    for (unsigned i = cpu->held_lock_count; i-- > 0;) {
        if (cpu->held_locks[i] == &l) {
            for (unsigned j = i; j + 1 < cpu->held_lock_count; j++) cpu->held_locks[j] = cpu->held_locks[j + 1];
            cpu->held_lock_count--;
            return;
        }
    }
}

bool lockdep_holding_spinlock() {
    PerCpu* cpu = this_cpu_or_null();
    return cpu && cpu->held_lock_count > 0;
}

void lockdep_dump_held() {
    PerCpu* cpu = this_cpu_or_null();
    if (!cpu) return;
    if (cpu->held_lock_count == 0) {
        kprintln("  held locks: none");
        return;
    }
    for (unsigned i = 0; i < cpu->held_lock_count; i++)
        kprintln("  held lock %u: %s (rank %s)", i, cpu->held_locks[i]->name(),
                 lock_rank_name(cpu->held_locks[i]->rank()));
}
