// SPDX-License-Identifier: MIT
// Named pipes (man 7 fifo): every open of one S_IFIFO inode shares one Pipe, found through a
// small registry keyed by the inode, and opens rendezvous as Linux's fifo_open (linux:
// fs/pipe.c): a reader waits for a writer and a writer for a reader unless O_NONBLOCK or O_RDWR.
//
// Registry lifetime: an entry counts its open files (Pipe::fifo_files). release() only
// decrements that count (it must not sleep or take the registry lock) and frees the buffered data
// when it reaches zero; such a stale entry is never revived (the count is only raised from a
// non-zero value) and is unlinked by the next fifo_open. A live entry's files hold references to
// its inode, so the raw inode pointer used as the key cannot be reused while the entry is live.
#include "abi/linux/uapi.h"
#include "core/signal.h"
#include "fs/pipe/pipe_internal.h"
#include "fs/vfs/inode.h"

namespace {

// Only list surgery and reference counting happen under this lock (no allocation, no frees).
constinit Spinlock g_registry_lock{LockRank::FdTable, "fifo-registry"};
constinit Pipe* g_registry = nullptr;   // holds one reference on each linked pipe

// Raises a live count; false when it is zero (the entry is stale).
bool get_live(std::atomic<u32>& count) {
    u32 n = count.load(std::memory_order_acquire);
    while (n != 0)
        if (count.compare_exchange_weak(n, n + 1, std::memory_order_acq_rel)) return true;
    return false;
}

// The live pipe of key with one more opener counted, or a new one. The registry keeps its own
// reference; the returned one is the caller's.
Result<RefPtr<Pipe>> fifo_get(const Inode* key) {
    RefPtr<Pipe> fresh;
    for (;;) {
        Pipe* stale = nullptr;
        Pipe* found = nullptr;
        {
            SpinlockGuard g(g_registry_lock);
            for (Pipe** pp = &g_registry; *pp;) {
                Pipe* p = *pp;
                if (p->fifo_key == key && !found && get_live(p->fifo_files)) {
                    p->ref();
                    found = p;
                } else if (p->fifo_files.load(std::memory_order_acquire) == 0) {
                    *pp = p->registry_next;   // unlink; the reference is dropped below
                    p->registry_next = stale;
                    stale = p;
                    continue;
                }
                pp = &p->registry_next;
            }
            if (!found && fresh) {
                fresh->fifo_key = key;
                fresh->fifo_files.store(1, std::memory_order_release);
                fresh->ref();   // the registry's
                fresh->registry_next = g_registry;
                g_registry = fresh.ptr();
                found = fresh.ptr();
                found->ref();   // the caller's (fresh's own is dropped on return)
            }
        }
        while (stale) {
            Pipe* next = stale->registry_next;
            stale->registry_next = nullptr;
            RefPtr<Pipe>::adopt(stale);   // drops the registry's reference
            stale = next;
        }
        if (found) return RefPtr<Pipe>::adopt(found);
        fresh = TRY(Pipe::create());
    }
}

// linux: wait_for_partner(): until the partner counter moves past `seen` (a partner opened, even
// if it has closed again since) or a partner is there now. `seen` is read before this opener's
// own end is added (Linux reads it under the pipe mutex that fifo_open holds throughout): read
// after, a partner that opened, wrote and closed in between would go unnoticed for ever.
Result<void> wait_for_partner(Pipe& pipe, bool want_writer, u32 seen) {
    auto arrived = [&] {
        if (want_writer) return pipe.writers() > 0 || pipe.w_counter() != seen;
        return pipe.readers() > 0 || pipe.r_counter() != seen;
    };
    if (pipe.wait_queue().wait_interruptible(arrived).is_error()) return Error(kErestartSys);
    return {};
}

}  // namespace

void fifo_release(Pipe& pipe) {
    if (pipe.fifo_files.fetch_sub(1, std::memory_order_acq_rel) == 1) pipe.discard_buffers();
}

Result<void> fifo_open(File& file) {
    // linux: fs/pipe.c fifo_open().
    u32 flags = file.flags();
    u32 acc = flags & O_ACCMODE;
    if (acc != O_RDONLY && acc != O_WRONLY && acc != O_RDWR) return Error(EINVAL);
    bool rd = acc != O_WRONLY;
    bool wr = acc != O_RDONLY;
    bool nonblock = flags & O_NONBLOCK;

    RefPtr<Pipe> pipe = TRY(fifo_get(&file.inode()));
    // POSIX: a non-blocking open for writing fails with ENXIO when nobody reads.
    if (!rd && nonblock && !pipe->readers()) {
        fifo_release(*pipe);
        return Error(ENXIO);
    }
    u32 w_before = pipe->w_counter(), r_before = pipe->r_counter();
    pipe->add_ends(rd, wr);
    u32 w_seen = 0;
    int err = 0;
    if (rd && !wr && !pipe->writers()) {
        // Non-blocking readers open at once; POLLHUP stays off until a writer has come.
        if (nonblock) w_seen = pipe->w_counter();
        else err = wait_for_partner(*pipe, true, w_before).error_code();
    } else if (wr && !rd && !pipe->readers()) {
        err = wait_for_partner(*pipe, false, r_before).error_code();
    }
    // From a successful attach on, the file counts: release() undoes the ends and the opener.
    if (!err) err = pipe_attach_file(file, pipe, w_seen, true).error_code();
    if (!err) return {};
    pipe->drop_ends(rd, wr);
    fifo_release(*pipe);
    return Error(err);
}
