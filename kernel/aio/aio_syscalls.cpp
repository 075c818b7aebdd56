// SPDX-License-Identifier: MIT
// io_setup, io_destroy, io_submit, io_cancel, io_getevents and io_pgetevents (man 2 io_setup...;
// linux: fs/aio.c). Reads and writes run at submission, as Linux's buffered I/O on a regular
// file completes there too; fsync likewise; POLL waits (aio_poll.cpp). The error order is
// Linux's: the iocb copy, reserved fields, a free slot (EAGAIN), the descriptor, the eventfd,
// the aio_key write, then the opcode's own checks. Errors after that are the event's res.
#include "aio/aio_internal.h"
#include "core/process.h"
#include "core/signal.h"
#include "ipc/eventfd.h"
#include "mm/address_space.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_handlers.h"
#include "syscalls/fs_iov.h"
#include "syscalls/handlers.h"
#include "syscalls/wait_args.h"

namespace {

RefPtr<AioContext> lookup(u64 ctx_id) {
    MutexGuard g(g_aio_lock);
    return aio_lookup_locked(ctx_id);
}

i64 as_res(Result<usize> r) {
    if (!r.is_error()) return static_cast<i64>(r.value());
    int e = r.error_code();
    // linux: aio_rw_done(): a restart code becomes EINTR (there is nothing to restart).
    if (e >= kErestartSys && e <= kErestartRestartBlock) e = EINTR;
    return -e;
}

// linux: aio_read()/aio_write(): aio_prep_rw, the access mode, aio_setup_rw, rw_verify_area,
// then the transfer.
Result<i64> do_rw(File& f, const iocb& cb, IoDirection dir, bool vectored) {
    u64 flags = cb.aio_rw_flags;
    if (flags & ~u64(RWF_SUPPORTED)) return Error(EOPNOTSUPP);
    if (flags & RWF_NOWAIT) return Error(EOPNOTSUPP);   // as preadv2: no file has FMODE_NOWAIT
    if (dir == IoDirection::Read ? !f.readable() : !f.writable()) return Error(EBADF);
    if (f.inode().is_dir()) return Error(EINVAL);   // no read_iter/write_iter
    IoVector v;
    usize count = cb.aio_nbytes;
    if (vectored) {
        TRY(v.import(cb.aio_buf, cb.aio_nbytes));
        count = v.total();
    } else if (!user_range_ok(cb.aio_buf, cb.aio_nbytes)) {
        return Error(EFAULT);
    }
    i64 pos = cb.aio_offset;
    if (pos < 0 || static_cast<i64>(static_cast<u64>(pos) + count) < 0) return Error(EINVAL);
    u64 at = static_cast<u64>(pos);
    if ((flags & RWF_APPEND) && dir == IoDirection::Write && f.inode().is_reg()) at = f.inode().size();
    const u64* where = f.positional() ? &at : nullptr;
    if (vectored) return as_res(vector_io(f, v, dir, where));
    IoBuffer b = IoBuffer::user(cb.aio_buf, cb.aio_nbytes);
    if (where) return as_res(dir == IoDirection::Read ? f.pread(b, at) : f.pwrite(b, at));
    return as_res(dir == IoDirection::Read ? f.read(b) : f.write(b));
}

// linux: aio_fsync(): no buffer, offset, length or flags; a file without fsync is EINVAL.
Result<i64> do_fsync(const iocb& cb, bool datasync) {
    if (cb.aio_buf || cb.aio_offset || cb.aio_nbytes || cb.aio_rw_flags) return Error(EINVAL);
    SyscallResult r = datasync ? sys_fdatasync(static_cast<int>(cb.aio_fildes)) : sys_fsync(static_cast<int>(cb.aio_fildes));
    if (r.is_error() && r.error_code() == EINVAL) return Error(EINVAL);
    return r.is_error() ? -i64(r.error_code()) : 0;
}

// linux: io_submit_one() + __io_submit_one().
Result<void> submit_one(AioContext& c, uptr uiocb) {
    iocb cb;
    TRY(copy_from_user(&cb, uiocb, sizeof(cb)));
    if (cb.aio_reserved2) return Error(EINVAL);
    if (static_cast<i64>(cb.aio_nbytes) < 0) return Error(EINVAL);
    {
        // linux: aio_get_req(): one of the ring's slots (one always stays free).
        MutexGuard g(g_aio_lock);
        if (c.inflight + aio_unreaped_locked(c) + 1 >= c.nr_events) return Error(EAGAIN);
        c.inflight++;
    }
    auto* req = new (std::nothrow) AioRequest;
    Result<i64> res = [&]() -> Result<i64> {
        if (!req) return Error(ENOMEM);
        req->ctx = &c;
        req->obj = uiocb;
        req->data = cb.aio_data;
        req->file = TRY(fd_file(static_cast<int>(cb.aio_fildes)));
        if (cb.aio_flags & IOCB_FLAG_RESFD) req->eventfd = TRY(eventfd_file_get(static_cast<int>(cb.aio_resfd)));
        u32 key = 0;   // linux: KIOCB_KEY
        TRY(copy_to_user(uiocb + offsetof(iocb, aio_key), &key, sizeof(key)));
        File& f = *req->file;
        switch (cb.aio_lio_opcode) {
        case IOCB_CMD_PREAD: return do_rw(f, cb, IoDirection::Read, false);
        case IOCB_CMD_PWRITE: return do_rw(f, cb, IoDirection::Write, false);
        case IOCB_CMD_PREADV: return do_rw(f, cb, IoDirection::Read, true);
        case IOCB_CMD_PWRITEV: return do_rw(f, cb, IoDirection::Write, true);
        case IOCB_CMD_FSYNC: return do_fsync(cb, false);
        case IOCB_CMD_FDSYNC: return do_fsync(cb, true);
        case IOCB_CMD_POLL: {
            MutexGuard g(g_aio_lock);
            TRY(aio_poll_submit_locked(c, req, cb));
            req = nullptr;   // the poll machinery owns it now
            return 0;
        }
        default: return Error(EINVAL);
        }
    }();
    MutexGuard g(g_aio_lock);
    if (res.is_error()) {
        c.inflight--;
        delete req;
        return res.error();
    }
    if (req) {
        aio_complete_locked(c, req->obj, req->data, res.value(), req->eventfd.ptr());
        delete req;
    }
    return {};
}

// An absolute deadline from a relative timeout: kPollNoWait when it is zero or negative.
u64 deadline_of(const __kernel_timespec* ts) {
    if (!ts) return kPollForever;
    if (ts->tv_sec < 0) return kPollNoWait;
    u64 ns;
    if (__builtin_mul_overflow(static_cast<u64>(ts->tv_sec), 1'000'000'000ull, &ns) ||
        __builtin_add_overflow(ns, static_cast<u64>(ts->tv_nsec), &ns))
        return kPollForever;
    if (static_cast<i64>(ns) <= 0) return kPollNoWait;
    return poll_deadline_after(ns);
}

// linux: do_io_getevents() + read_events(): events are taken as they come until min_nr have
// been, the timeout passes or a signal arrives.
Result<long> do_getevents(u64 ctx_id, i64 min_nr, i64 nr, uptr uevents, const __kernel_timespec* ts) {
    RefPtr<AioContext> c = lookup(ctx_id);
    if (!c) return Error(EINVAL);
    if (min_nr > nr || min_nr < 0) return Error(EINVAL);
    u64 deadline = deadline_of(ts);
    long got = 0;
    AioContext& ctx = *c;
    for (bool timed_out = false;;) {
        {
            MutexGuard g(g_aio_lock);
            Result<long> r = aio_read_ring_locked(ctx, nr - got, uevents + usize(got) * sizeof(io_event));
            if (r.is_error()) return got ? Result<long>(got) : r;
            got += r.value();
            if (ctx.dead) return got ? Result<long>(got) : Error(EINVAL);
        }
        if (got >= min_nr || timed_out || deadline == kPollNoWait) return got;
        auto ready = [&] { return __atomic_load_n(&ctx.dead, __ATOMIC_ACQUIRE) || aio_unreaped_locked(ctx) > 0; };
        Result<bool> w = ctx.wq.wait_interruptible(ready, deadline);
        if (w.is_error()) return got;   // a signal: the caller turns 0 into EINTR
        timed_out = !w.value();         // then one last look, as Linux's final condition check
    }
}

}  // namespace

SyscallResult sys_io_setup(u32 nr_events, UserPtr<u64> ctxp) {
    u64 ctx = TRY(copy_from_user(ctxp));
    if (ctx || nr_events == 0) return Error(EINVAL);
    // linux: ioctx_alloc(): room for 4 per possible CPU, doubled (in 32 bits, as Linux).
    u32 n = max<u32>(nr_events, cpu_count() * 4);
    n *= 2;
    if (n > 0x10000000u / sizeof(io_event)) return Error(EINVAL);
    if (!n || nr_events > aio_max_nr()) return Error(EAGAIN);
    RefPtr<AioContext> c = TRY(aio_context_create(nr_events, n));
    if (copy_to_user(ctxp, c->user_id).is_error()) {
        {
            MutexGuard g(g_aio_lock);
            aio_kill_locked(*c);
        }
        (void)current_process()->mm->unmap(c->user_id, usize(c->nr_pages) * kPageSize);
        return Error(EFAULT);
    }
    return 0;
}

SyscallResult sys_io_destroy(u64 ctx_id) {
    RefPtr<AioContext> c;
    {
        MutexGuard g(g_aio_lock);
        c = aio_lookup_locked(ctx_id);
        if (!c) return Error(EINVAL);
        aio_kill_locked(*c);
    }
    (void)current_process()->mm->unmap(c->user_id, usize(c->nr_pages) * kPageSize);
    return 0;
}

SyscallResult sys_io_submit(u64 ctx_id, i64 nr, UserPtr<const u64> iocbpp) {
    if (nr < 0) return Error(EINVAL);
    RefPtr<AioContext> c = lookup(ctx_id);
    if (!c) return Error(EINVAL);
    if (nr > c->nr_events) nr = c->nr_events;
    i64 i = 0;
    Result<void> r{};
    for (; i < nr; i++) {
        u64 uiocb;
        r = copy_from_user(&uiocb, iocbpp.addr() + usize(i) * sizeof(u64), sizeof(uiocb));
        if (r.is_error()) break;
        r = submit_one(*c, uiocb);
        if (r.is_error()) break;
    }
    if (i) return i;
    if (r.is_error()) return r.error();
    return 0;
}

SyscallResult sys_io_cancel(u64 ctx_id, UserPtr<void> uiocb, UserPtr<void>) {
    u32 key;
    TRY(copy_from_user(&key, uiocb.addr() + offsetof(iocb, aio_key), sizeof(key)));
    if (key != 0) return Error(EINVAL);
    MutexGuard g(g_aio_lock);
    RefPtr<AioContext> c = aio_lookup_locked(ctx_id);
    if (!c) return Error(EINVAL);
    for (AioRequest& r : c->active) {
        if (r.obj == uiocb.addr()) {
            // linux: the event still comes through the ring; EINPROGRESS says so.
            aio_poll_finish_locked(r);
            return Error(EINPROGRESS);
        }
    }
    return Error(EINVAL);
}

SyscallResult sys_io_getevents(u64 ctx_id, i64 min_nr, i64 nr, UserPtr<void> events, UserPtr<const void> timeout) {
    __kernel_timespec ts;
    if (!timeout.is_null()) TRY(copy_from_user(&ts, timeout.addr(), sizeof(ts)));
    long got = TRY(do_getevents(ctx_id, min_nr, nr, events.addr(), timeout.is_null() ? nullptr : &ts));
    if (!got && signal_pending_current()) return Error(EINTR);
    return got;
}

SyscallResult sys_io_pgetevents(u64 ctx_id, i64 min_nr, i64 nr, UserPtr<void> events, UserPtr<const void> timeout,
                                UserPtr<const void> usig) {
    __kernel_timespec ts;
    if (!timeout.is_null()) TRY(copy_from_user(&ts, timeout.addr(), sizeof(ts)));
    struct {
        u64 sigmask;
        u64 sigsetsize;
    } ksig{0, 0};   // linux: struct __aio_sigset
    if (!usig.is_null()) TRY(copy_from_user(&ksig, usig.addr(), sizeof(ksig)));
    TRY(set_user_sigmask(ksig.sigmask, ksig.sigsetsize));
    Result<long> r = do_getevents(ctx_id, min_nr, nr, events.addr(), timeout.is_null() ? nullptr : &ts);
    bool interrupted = signal_pending_current();
    restore_user_sigmask_unless(interrupted);
    if (interrupted && !r.is_error() && r.value() == 0) return Error(kErestartNoHand);
    return TRY(r);
}
