// SPDX-License-Identifier: MIT
// IOCB_CMD_POLL (linux: aio_poll): completes at submission when the file is ready already,
// otherwise when a wake-up of the file's wait queue finds it ready. The wake-up callback only
// flags the request and kicks one kernel thread ("aio"), which re-polls flagged requests in
// process context (Linux's aio_poll_complete_work), so a file's poll() never runs in a wake-up.
#include "aio/aio_internal.h"
#include "core/sched.h"
#include "core/thread.h"

namespace {

WaitQueue g_kick_wq;
std::atomic<bool> g_kick{false};
std::atomic<bool> g_worker_started{false};

void fire(AsyncNotify* n, u32 key) {
    AioRequest* r = member_owner(n, &AioRequest::notify);
    if (key != kWakeAny && !(key & r->events)) return;
    u32 none = 0;
    if (key != kWakeAny) r->wake_key.compare_exchange_strong(none, key, std::memory_order_acq_rel);
    r->kicked.store(true, std::memory_order_release);
    g_kick.store(true, std::memory_order_release);
    g_kick_wq.wake_all();
}

void finish(AioRequest& r, u32 mask) {
    AioContext& c = *r.ctx;
    c.active.remove(r);
    if (r.queue) r.queue->remove_async(r.notify);
    aio_complete_locked(c, r.obj, r.data, mask, r.eventfd.ptr());
    delete &r;
}

[[noreturn]] void worker(void*) {
    for (;;) {
        g_kick_wq.wait_until([] { return g_kick.load(std::memory_order_acquire); });
        g_kick.store(false, std::memory_order_release);
        MutexGuard g(g_aio_lock);
        for (AioContext& c : aio_contexts_locked()) {
            for (AioRequest* r = c.active.first(); r;) {
                AioRequest* next = c.active.next_of(*r);
                if (r->kicked.exchange(false, std::memory_order_acq_rel)) {
                    // linux: aio_poll_wake() completes with the wake-up's events when it names
                    // them, aio_poll_complete_work() with what vfs_poll() reports otherwise.
                    u32 mask = r->wake_key.exchange(0, std::memory_order_acq_rel);
                    if (!mask) mask = r->file->poll() & r->events;
                    if (mask) finish(*r, mask);
                }
                r = next;
            }
        }
    }
}

Result<void> start_worker() {
    if (g_worker_started.exchange(true)) return {};
    auto t = Thread::create("aio", worker, nullptr);
    if (t.is_error()) {
        g_worker_started.store(false);
        return t.error();
    }
    sched_start(t.value());
    return {};
}

}  // namespace

Result<void> aio_poll_submit_locked(AioContext& c, AioRequest* req, const iocb& cb) {
    // linux: only the 16 event bits, and no fields that poll does not use.
    if (static_cast<u16>(cb.aio_buf) != cb.aio_buf) return Error(EINVAL);
    if (cb.aio_offset || cb.aio_nbytes || cb.aio_rw_flags) return Error(EINVAL);
    TRY(start_worker());
    req->events = static_cast<u32>(cb.aio_buf) | POLLERR | POLLHUP;
    req->queue = req->file->wait_queue();
    req->notify.fire = fire;
    if (req->queue) req->queue->add_async(req->notify);
    c.active.push_back(*req);
    u32 mask = req->file->poll() & req->events;
    if (mask) finish(*req, mask);
    return {};
}

void aio_poll_finish_locked(AioRequest& req) { finish(req, req.file->poll() & req.events); }
