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

// Wake-up values: which events the waker made ready (POLLIN for "data arrived", POLLOUT for
// "room appeared"). kWakeAny says nothing about what changed.
constexpr u32 kWakeAny = ~0u;

// A callback told after every wake-up of its queue with the wake's key, outside the queue lock
// so that it may send signals or wake other queues: a file description with O_ASYNC (Linux's
// fasync list) and an epoll item watching a file (Linux's ep_poll_callback). It may run in
// interrupt context and must not sleep. remove_async returns only once no wake-up is still
// calling it, so the owner can be freed right after.
struct AsyncNotify {
    void (*fire)(AsyncNotify*, u32 key) = nullptr;
    ListNode node;
    std::atomic<u32> pins{0};
    u64 fired_gen = 0;   // the queue's wake generation last delivered (under the queue lock)
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
    // key: the events this wake-up is about (only callbacks look at it: sleeping threads
    // recheck their condition themselves).
    void wake_one(u32 key = kWakeAny);
    void wake_all(u32 key = kWakeAny);
    usize waiter_count();
    void add_async(AsyncNotify& n);
    void remove_async(AsyncNotify& n);

private:
    void notify_async(u32 key);

    Spinlock m_lock;
    IntrusiveList<Waiter, &Waiter::node> m_waiters;
    IntrusiveList<AsyncNotify, &AsyncNotify::node> m_async;
    std::atomic<bool> m_has_async{false};
    u64 m_wake_gen = 0;   // numbers notify_async rounds, so each callback runs once per round
};
