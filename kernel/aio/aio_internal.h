// SPDX-License-Identifier: MIT
// AIO contexts and requests (linux: fs/aio.c's kioctx and aio_kiocb). A context is a ring of
// io_event slots in pages shared with user space (the "[aio]" mapping io_setup returns: libaio
// reads head and tail there), the requests still in flight, and a wait queue for io_getevents.
// Every context of every process is on one list under one mutex (g_aio_lock); the only thing
// done outside it is a POLL request's wake-up callback, which just flags the request and wakes
// the worker thread that re-polls it (Linux's aio_poll_complete_work).
#pragma once

#include <atomic>

#include "abi/linux/uapi.h"
#include "core/wait_queue.h"
#include "fs/vfs/file.h"
#include "lib/intrusive_list.h"
#include "lib/ref_ptr.h"
#include "mm/vm_object.h"
#include "sync/mutex.h"

class AddressSpace;
struct AioContext;

struct AioRequest {
    AioContext* ctx = nullptr;
    u64 obj = 0;    // the user's iocb address (io_event.obj, io_cancel's key)
    u64 data = 0;   // aio_data
    RefPtr<File> file;
    RefPtr<File> eventfd;   // IOCB_FLAG_RESFD
    u32 events = 0;         // IOCB_CMD_POLL: what it waits for (with POLLERR | POLLHUP)
    WaitQueue* queue = nullptr;
    AsyncNotify notify;
    std::atomic<bool> kicked{false};
    std::atomic<u32> wake_key{0};   // the first matching wake-up's events: the result, as Linux's
    ListNode node;          // ctx->active
};

struct AioContext : RefCounted<AioContext> {
    ListNode node;          // g_contexts
    AddressSpace* mm = nullptr;
    u64 user_id = 0;        // the ring's user address: the aio_context_t
    u32 id = 0;             // slot in the address space's table (aio_ring.id)
    u32 max_reqs = 0;       // io_setup's nr_events, what aio-nr counts
    u32 nr_events = 0;      // ring slots
    u32 nr_pages = 0;
    u32 tail = 0;           // the trusted copy of the ring's tail
    u32 inflight = 0;       // submitted, not yet completed
    bool dead = false;
    RefPtr<VmObject> ring;
    PhysAddr* pages = nullptr;   // the ring's own array (it outlives the context when still mapped)
    WaitQueue wq;
    IntrusiveList<AioRequest, &AioRequest::node> active;   // waiting POLL requests
};

extern Mutex g_aio_lock;

// aio_context.cpp
Result<RefPtr<AioContext>> aio_context_create(u32 max_reqs, u32 ring_events);
// linux: lookup_ioctx(): the live context of the caller's address space named ctx_id (whose
// first word, the ring's id, is read from user memory); null when there is none. Under g_aio_lock.
RefPtr<AioContext> aio_lookup_locked(u64 ctx_id);
// linux: kill_ioctx(): unlists it, completes what is in flight as cancelled and gives back its
// aio-nr share. Under g_aio_lock.
void aio_kill_locked(AioContext& c);
// Events in the ring that user space has not consumed (head read from the ring).
u32 aio_unreaped_locked(AioContext& c);
// linux: aio_complete(): one io_event into the ring, the eventfd signalled, waiters woken.
void aio_complete_locked(AioContext& c, u64 obj, u64 data, i64 res, File* eventfd);
// Moves up to nr events to user memory at uevents and advances the ring's head; EFAULT (head
// unchanged) when the copy faults.
Result<long> aio_read_ring_locked(AioContext& c, long nr, uptr uevents);
u64 aio_max_nr();
IntrusiveList<AioContext, &AioContext::node>& aio_contexts_locked();

// aio_poll.cpp
Result<void> aio_poll_submit_locked(AioContext& c, AioRequest* req, const iocb& cb);
// Completes a waiting POLL request with what its file reports now (io_cancel, io_destroy).
void aio_poll_finish_locked(AioRequest& req);
