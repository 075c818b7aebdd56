// SPDX-License-Identifier: MIT
// Wait queues: threads sleep until a condition holds. A sleeper registers a Waiter and marks
// itself blocked *before* it checks the condition, so a wake-up that comes between the check and
// the sleep is never lost. One thread can wait on several queues at once (poll, select, epoll
// register one Waiter per queue): that is the kernel's single readiness mechanism.
#pragma once

#include <atomic>

#include "core/sched.h"
#include "lib/result.h"
#include "sync/spinlock.h"

// True when the current thread has an unblocked signal to handle (core/signal.cpp).
bool signal_pending_current();

struct Waiter {
    Thread* thread = nullptr;
    ListNode node;
    std::atomic<bool> fired{false};
};

// A file description with O_ASYNC: told after every wake-up of its queue (Linux's fasync list),
// outside the queue lock so that it may send signals. remove_async returns only once no wake-up
// is still calling it, so the owner can be freed right after.
struct AsyncNotify {
    void (*fire)(AsyncNotify*) = nullptr;
    ListNode node;
    std::atomic<u32> pins{0};
};

class WaitQueue {
public:
    WaitQueue() : m_lock(LockRank::WaitQueue, "waitqueue") {}
    ARAMID_NOCOPY(WaitQueue);

    // Sleeps until pred() is true. deadline_ns 0 = no timeout. Returns false on timeout.
    // pred is called without the queue lock: it must do its own synchronisation (atomics or a
    // lock of its own), which is fine because the waiter is registered before it is called.
    template <typename Pred>
    bool wait_until(Pred pred, u64 deadline_ns = 0) {
        Waiter w;
        w.thread = current_thread();
        for (;;) {
            add(w);
            sched_mark_blocked(w.thread);
            if (pred()) {
                sched_unblock_self();
                remove(w);
                return true;
            }
            if (deadline_ns && arch::clock_ns() >= deadline_ns) {
                sched_unblock_self();
                remove(w);
                return pred();
            }
            sched_block_until(deadline_ns);
            remove(w);
            w.fired.store(false, std::memory_order_relaxed);
        }
    }

    // As wait_until, but a signal for the thread ends the wait with EINTR (the sender wakes the
    // thread; the syscall layer decides about restarting). Returns false on timeout.
    template <typename Pred>
    Result<bool> wait_interruptible(Pred pred, u64 deadline_ns = 0) {
        bool interrupted = false;
        bool ok = wait_until(
            [&] {
                if (pred()) return true;
                if (signal_pending_current()) {
                    interrupted = true;
                    return true;
                }
                return false;
            },
            deadline_ns);
        if (interrupted && !pred()) return Error(EINTR);
        return ok;
    }

    void add(Waiter& w);
    void remove(Waiter& w);   // safe when already removed by a wake
    void wake_one();
    void wake_all();
    usize waiter_count();
    void add_async(AsyncNotify& n);
    void remove_async(AsyncNotify& n);

private:
    void notify_async();

    Spinlock m_lock;
    IntrusiveList<Waiter, &Waiter::node> m_waiters;
    IntrusiveList<AsyncNotify, &AsyncNotify::node> m_async;
    std::atomic<bool> m_has_async{false};
};
