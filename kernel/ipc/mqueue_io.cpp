// SPDX-License-Identifier: MIT
// mq_timedsend and mq_timedreceive (linux: ipc/mqueue.c do_mq_timedsend(), do_mq_timedreceive()).
// The timeout is read and checked first, whether or not the call would block (Linux since 4.x:
// prepare_timeout()); it is an absolute CLOCK_REALTIME time. A sender that finds a receiver
// waiting hands it the message; a receiver that makes room takes the first waiting sender's
// message into the queue. A signal ends a wait with ERESTARTSYS (restarted under SA_RESTART).
#include "ipc/mqueue.h"

#include "core/signal.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "syscalls/handlers.h"

namespace {

constexpr u64 kNsPerSec = 1'000'000'000ull;

// prepare_timeout(): EFAULT, or EINVAL unless timespec64_valid. Nanoseconds since the epoch.
Result<u64> read_abs_timeout(uptr addr) {
    __kernel_timespec ts;
    TRY(copy_from_user(&ts, addr, sizeof(ts)));
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= static_cast<long long>(kNsPerSec)) return Error(EINVAL);
    u64 ns;
    if (__builtin_mul_overflow(static_cast<u64>(ts.tv_sec), kNsPerSec, &ns) ||
        __builtin_add_overflow(ns, static_cast<u64>(ts.tv_nsec), &ns))
        return ~0ull >> 1;
    return ns;
}

// The monotonic deadline of an absolute CLOCK_REALTIME time (never 0, which means none).
u64 monotonic_deadline(u64 realtime_ns) {
    Timespec rt = realtime_now();
    u64 now_rt = static_cast<u64>(rt.sec) * kNsPerSec + static_cast<u64>(rt.nsec);
    u64 now = monotonic_ns();
    u64 d;
    if (realtime_ns <= now_rt) return now ? now : 1;
    if (__builtin_add_overflow(now, realtime_ns - now_rt, &d)) return ~0ull >> 1;
    return d;
}

struct Timeout {
    bool set = false;
    u64 realtime_ns = 0;
};

Result<Timeout> read_timeout(UserPtr<const void> u) {
    Timeout t;
    if (u.is_null()) return t;
    t.realtime_ns = TRY(read_abs_timeout(u.addr()));
    t.set = true;
    return t;
}

void insert_locked(MqQueue& q, MqMessage* m) {
    MqMessage** at = &q.head;
    while (*at && (*at)->prio >= m->prio) at = &(*at)->next;
    m->next = *at;
    *at = m;
    q.qsize += m->size;
    q.curmsgs.fetch_add(1, std::memory_order_release);
}

MqMessage* take_locked(MqQueue& q) {
    MqMessage* m = q.head;
    q.head = m->next;
    q.qsize -= m->size;
    q.curmsgs.fetch_sub(1, std::memory_order_release);
    return m;
}

// Lock held on entry and on return: sleeps on w (queued on list) until the other side is done
// with it, the deadline passes (ETIMEDOUT) or a signal comes (ERESTARTSYS) (linux: wq_sleep()).
Result<void> sleep_locked(MqQueue& q, IntrusiveList<MqWaiter, &MqWaiter::node>& list, MqWaiter& w,
                          const Timeout& t) {
    list.push_back(w);
    u64 deadline = t.set ? monotonic_deadline(t.realtime_ns) : 0;
    q.lock.unlock();
    Result<bool> r = w.wq.wait_interruptible([&] { return __atomic_load_n(&w.done, __ATOMIC_ACQUIRE); }, deadline);
    // The waker touches w only under the lock: once we hold it, w is ours again.
    q.lock.lock();
    if (w.done) return {};
    list.remove(w);
    if (r.is_error()) return Error(kErestartSys);
    return Error(ETIMEDOUT);
}

void hand_over(MqWaiter& w) {
    __atomic_store_n(&w.done, true, __ATOMIC_RELEASE);
    w.wq.wake_all();
}

}  // namespace

SyscallResult sys_mq_timedsend(int mqdes, UserPtr<const void> umsg, usize len, u32 prio,
                               UserPtr<const void> utimeout) {
    Timeout t = TRY(read_timeout(utimeout));
    if (prio >= MQ_PRIO_MAX) return Error(EINVAL);
    RefPtr<File> f = TRY(mqueue_fd(mqdes));
    if (!f->writable()) return Error(EBADF);
    MqQueue& q = *mqueue_of(*f);
    if (len > static_cast<usize>(q.msgsize)) return Error(EMSGSIZE);
    struct Owned {
        MqMessage* m;
        ~Owned() { kfree(m); }
    } own{static_cast<MqMessage*>(kmalloc(sizeof(MqMessage) + len))};
    if (!own.m) return Error(ENOMEM);
    TRY(copy_from_user(own.m->data, umsg.addr(), len));
    own.m->next = nullptr;
    own.m->prio = prio;
    own.m->size = len;
    MqPendingNotify notify;
    {
        MutexGuard g(q.lock);
        if (q.curmsgs.load(std::memory_order_relaxed) >= q.maxmsg) {
            if (f->flags() & O_NONBLOCK) return Error(EAGAIN);
            MqWaiter w;
            w.msg = own.m;
            TRY(sleep_locked(q, q.senders, w, t));
            own.m = nullptr;   // a receiver took it into the queue
            return 0;
        }
        if (MqWaiter* r = q.receivers.pop_front()) {
            r->msg = own.m;
            own.m = nullptr;
            hand_over(*r);
            return 0;
        }
        insert_locked(q, own.m);
        own.m = nullptr;
        if (q.curmsgs.load(std::memory_order_relaxed) == 1) notify = mqueue_take_notify_locked(q);
    }
    // After the lock: a woken poller goes straight for the message instead of the mutex.
    q.poll_wq.wake_all(POLLIN);
    mqueue_send_notify(notify);
    return 0;
}

SyscallResult sys_mq_timedreceive(int mqdes, UserPtr<void> umsg, usize len, UserPtr<u32> uprio,
                                  UserPtr<const void> utimeout) {
    Timeout t = TRY(read_timeout(utimeout));
    RefPtr<File> f = TRY(mqueue_fd(mqdes));
    if (!f->readable()) return Error(EBADF);
    MqQueue& q = *mqueue_of(*f);
    if (len < static_cast<usize>(q.msgsize)) return Error(EMSGSIZE);
    MqMessage* m;
    bool room = false;
    {
        MutexGuard g(q.lock);
        if (q.curmsgs.load(std::memory_order_relaxed) == 0) {
            if (f->flags() & O_NONBLOCK) return Error(EAGAIN);
            MqWaiter w;
            TRY(sleep_locked(q, q.receivers, w, t));
            m = w.msg;
        } else {
            m = take_locked(q);
            // linux: pipelined_receive(): the room goes to the first waiting sender, if any.
            if (MqWaiter* s = q.senders.pop_front()) {
                insert_locked(q, s->msg);
                hand_over(*s);
            } else {
                room = true;
            }
        }
    }
    if (room) q.poll_wq.wake_all(POLLOUT);
    // linux: the message is gone even when the copy-out faults.
    Result<void> r = {};
    if (!uprio.is_null()) r = copy_to_user(uprio, m->prio);
    if (r.is_ok()) r = copy_to_user(umsg.addr(), m->data, m->size);
    i64 size = static_cast<i64>(m->size);
    kfree(m);
    TRY(r);
    return size;
}
