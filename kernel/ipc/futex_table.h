// SPDX-License-Identifier: MIT
// The futex hash table: buckets of per-key queues, each allocated when its first waiter comes
// and freed when its last one leaves. A waiter is an object on the waiting thread's stack; the
// user word is compared under the bucket lock, and a waker takes the same lock, so no wake-up
// between the compare and the sleep is lost. Internal to ipc/futex*.cpp.
#pragma once

#include <atomic>

#include "core/thread.h"
#include "ipc/futex_word.h"
#include "lib/intrusive_list.h"
#include "lib/ref_ptr.h"
#include "lib/result.h"
#include "mm/vm_object.h"
#include "sync/spinlock.h"

// A key plus what keeps it meaningful while someone waits on it: the object behind a shared
// key (so it cannot be freed and its address reused while a waiter sleeps).
struct FutexKeyRef {
    FutexKey key;
    RefPtr<VmObject> pin;
};
// Linux's get_futex_key: EINVAL when misaligned, EFAULT outside user space or (shared keys)
// where nothing accessible is mapped; `write` asks for a writable mapping (WAKE_OP, PI targets).
Result<FutexKeyRef> futex_key(uptr uaddr, bool shared, bool write);

struct FutexBucket;
struct FutexQueue;

struct FutexWaiter {
    Thread* thread = nullptr;
    ListNode node;                        // in queue->waiters
    FutexKeyRef key;                      // changes when requeued (both bucket locks held)
    FutexQueue* queue = nullptr;          // null once unqueued (bucket lock)
    std::atomic<FutexBucket*> bucket{nullptr};
    std::atomic<bool> woken{false};       // a waker took it off its queue
    u32 bitset = kFutexBitsetAny;
    bool pi = false;                      // waits for a PI lock to be handed over (LOCK_PI)
    bool requeue_pi = false;              // WAIT_REQUEUE_PI waiter not yet moved to the PI futex
    FutexKey requeue_target;              // the PI futex it expects to be moved to
    bool got_lock = false;                // a PI lock was handed to it
    bool owner_died = false;              // ... by the death of the previous owner
};

struct FutexQueue {
    FutexKey key;
    ListNode node;                        // in bucket->queues
    IntrusiveList<FutexWaiter, &FutexWaiter::node> waiters;
    // Kernel PI state (Linux's pi_state): exists while PI waiters do; names the owner.
    bool pi_state = false;
    Thread* pi_owner = nullptr;           // referenced; null after the owner died
};

struct FutexBucket {
    Spinlock lock{LockRank::Futex, "futex-bucket"};
    IntrusiveList<FutexQueue, &FutexQueue::node> queues;
};

FutexBucket& futex_bucket(const FutexKey& k);
template <typename Fn>
void futex_for_each_bucket(Fn fn);

// Bucket lock held for all of these.
FutexQueue* futex_queue_find(FutexBucket& b, const FutexKey& k);
Result<FutexQueue*> futex_queue_get(FutexBucket& b, const FutexKey& k);   // ENOMEM
void futex_enqueue(FutexBucket& b, FutexQueue& q, FutexWaiter& w);
// Takes w off its queue (freeing the queue when it is unused); woken=true also wakes the thread.
void futex_unqueue(FutexBucket& b, FutexWaiter& w, bool wake);
// Moves w to queue q2 in bucket b2 (both locked) under key k2.
void futex_requeue_one(FutexBucket& b1, FutexBucket& b2, FutexQueue& q2, FutexWaiter& w, const FutexKeyRef& k2);
// Frees q when it has neither waiters nor PI state waiters (drops the PI owner reference).
void futex_queue_release(FutexBucket& b, FutexQueue* q);
void futex_set_pi_owner(FutexQueue& q, Thread* owner);

// Locks the bucket w is queued on now (it moves when requeued).
class FutexWaiterLock {
public:
    explicit FutexWaiterLock(FutexWaiter& w);
    ~FutexWaiterLock();
    ARAMID_NOCOPY(FutexWaiterLock);
    FutexBucket& bucket() { return *m_bucket; }

private:
    FutexBucket* m_bucket;
    alignas(SpinlockGuard) u8 m_guard[sizeof(SpinlockGuard)];
};

// Locks two buckets in address order (once when they are the same).
class FutexDoubleLock {
public:
    FutexDoubleLock(FutexBucket& a, FutexBucket& b);
    ~FutexDoubleLock();
    ARAMID_NOCOPY(FutexDoubleLock);

private:
    alignas(SpinlockGuard) u8 m_first[sizeof(SpinlockGuard)];
    alignas(SpinlockGuard) u8 m_second[sizeof(SpinlockGuard)];
    bool m_two;
};

// FUTEX_WAIT's first half: keys w, compares the word with val under the bucket lock and queues
// w with its thread marked blocked. EAGAIN when the word differs; EINVAL when the key is
// `forbidden` (a requeue-PI target); EFAULT/EINVAL from the key or the read.
Result<void> futex_wait_setup(FutexWaiter& w, uptr uaddr, bool shared, u32 val, const FutexKey* forbidden);

// Sleeping. The caller queued every waiter of ws (same thread) and marked the thread blocked
// under the bucket lock(s). Returns when one was woken, at the deadline (monotonic ns, 0 =
// none) or on a signal; the waiters still queued then stay queued (futex_unqueue_all).
enum class FutexSleepEnd { Woken, TimedOut, Signal };
FutexSleepEnd futex_sleep(FutexWaiter* ws, usize n, u64 deadline);
// Takes each still-queued waiter off; returns the highest index that had been woken, or -1.
int futex_unqueue_all(FutexWaiter* ws, usize n);

// Wakes up to nr waiters of key whose bitset matches (at least one: Linux's nr <= 0 wakes 1).
// EINVAL (after waking the earlier ones) when a PI waiter is met.
Result<i64> futex_wake_key(const FutexKey& key, int nr, u32 bitset);
Result<i64> futex_wake_addr(uptr uaddr, bool shared, int nr, u32 bitset);

// Looks a thread up by TID for the PI protocol (referenced; null when there is none).
Thread* futex_find_thread(int tid);

constexpr usize kFutexBuckets = 256;
FutexBucket* futex_buckets();

template <typename Fn>
void futex_for_each_bucket(Fn fn) {
    FutexBucket* b = futex_buckets();
    for (usize i = 0; i < kFutexBuckets; i++) fn(b[i]);
}
