// SPDX-License-Identifier: MIT
// poll_files(): the one readiness loop (see poll_wait.h). Modelled on Linux's do_poll(): a ready
// entry wins over a pending signal, which wins over the timeout.
#include "fs/pipe/poll_wait.h"

#include <new>

#include "arch/cpu.h"
#include "core/time.h"
#include "core/wait_queue.h"
#include "mm/kheap.h"

namespace {

constexpr usize kInlineWaiters = 16;

int evaluate(Span<PollEntry> entries) {
    int ready = 0;
    for (PollEntry& e : entries) {
        if (e.file) e.revents = e.file->poll() & e.events;
        if (e.revents) ready++;
    }
    return ready;
}

bool deadline_passed(u64 deadline_ns) { return deadline_ns != kPollForever && monotonic_ns() >= deadline_ns; }

// One Waiter per polled file that has a queue (a thread may sit on one queue twice: a wake
// simply wakes it once more).
class WaiterSet {
public:
    explicit WaiterSet(Span<PollEntry> entries) : m_entries(entries) {}
    ~WaiterSet() {
        if (m_waiters != m_inline) kfree(m_waiters);
    }
    ARAMID_NOCOPY(WaiterSet);

    Result<void> init() {
        usize n = m_entries.size();
        if (n > kInlineWaiters) {
            usize bytes;
            if (__builtin_mul_overflow(n, sizeof(Waiter), &bytes)) return Error(ENOMEM);
            void* mem = kmalloc(bytes);
            if (!mem) return Error(ENOMEM);
            m_waiters = static_cast<Waiter*>(mem);
        }
        for (usize i = 0; i < n; i++) new (&m_waiters[i]) Waiter();
        return {};
    }
    void add_all(Thread* self) {
        for (usize i = 0; i < m_entries.size(); i++) {
            WaitQueue* q = m_entries[i].file ? m_entries[i].file->wait_queue() : nullptr;
            if (!q) continue;
            m_waiters[i].thread = self;
            m_waiters[i].fired.store(false, std::memory_order_relaxed);
            q->add(m_waiters[i]);
        }
    }
    void remove_all() {
        for (usize i = 0; i < m_entries.size(); i++) {
            WaitQueue* q = m_entries[i].file ? m_entries[i].file->wait_queue() : nullptr;
            if (q) q->remove(m_waiters[i]);
        }
    }

private:
    Span<PollEntry> m_entries;
    alignas(Waiter) u8 m_inline_storage[kInlineWaiters * sizeof(Waiter)];
    Waiter* const m_inline = reinterpret_cast<Waiter*>(m_inline_storage);
    Waiter* m_waiters = m_inline;
};

}  // namespace

u64 poll_deadline_after(u64 ns) {
    u64 now = monotonic_ns();
    u64 d;
    if (__builtin_add_overflow(now, ns, &d) || d == kPollForever) return ~u64(0);
    return d;
}

Result<int> poll_files(Span<PollEntry> entries, u64 deadline_ns) {
    // Fast path: something is ready, or the caller does not want to wait.
    int ready = evaluate(entries);
    if (ready) return ready;
    if (signal_pending_current()) return Error(EINTR);
    if (deadline_passed(deadline_ns)) return 0;

    WaiterSet waiters(entries);
    TRY(waiters.init());
    Thread* self = current_thread();
    for (;;) {
        waiters.add_all(self);
        sched_mark_blocked(self);
        ready = evaluate(entries);
        bool interrupted = !ready && signal_pending_current();
        if (ready || interrupted || deadline_passed(deadline_ns)) {
            sched_unblock_self();
            waiters.remove_all();
            if (interrupted) return Error(EINTR);
            return ready;
        }
        sched_block_until(deadline_ns);
        waiters.remove_all();
    }
}
