// SPDX-License-Identifier: MIT
// splice(2), tee(2) and vmsplice(2) on pipes (linux: fs/splice.c). Data moves as whole pipe
// buffers where Linux moves them (pipe to pipe); where Linux shares a page between two pipes
// (tee, a partial pipe-to-pipe move) or maps user pages (vmsplice), Aramid copies the bytes into
// a fresh page, which is indistinguishable from user space except for timing:
// LINUX-DIVERGENCE: vmsplice copies at call time, so later changes to the user buffer are not
// seen by the reader (Linux may show them); test pipes/splice_tee.
#include "abi/linux/uapi.h"
#include "core/signal.h"
#include "fs/pipe/pipe_internal.h"
#include "fs/vfs/inode.h"

// Locks two distinct pipes in address order (linux: pipe_double_lock).
class PipeLockPair {
public:
    PipeLockPair(Pipe& a, Pipe& b) : m_first(&a < &b ? a : b), m_second(&a < &b ? b : a) {
        m_first.m_mutex.lock();
        m_second.m_mutex.lock();
    }
    ~PipeLockPair() {
        m_second.m_mutex.unlock();
        m_first.m_mutex.unlock();
    }
    ARAMID_NOCOPY(PipeLockPair);

private:
    Pipe& m_first;
    Pipe& m_second;
};

namespace {
// linux: include/linux/fs.h MAX_RW_COUNT.
constexpr usize kMaxRwCount = 0x7ffff000;
}  // namespace

Result<void> Pipe::prep_input(bool nonblock) {
    if (readable_now()) return {};
    if (nonblock) return Error(EAGAIN);
    return wait_readable_unlocked();
}

Result<void> Pipe::prep_output(bool nonblock) {
    for (;;) {
        if (!readers()) {
            signal_raise_sigpipe();
            return Error(EPIPE);
        }
        if (writable_now()) return {};
        if (nonblock) return Error(EAGAIN);
        TRY(wait_writable_unlocked());
    }
}

template <typename Sink>
Result<usize> Pipe::drain(usize len, bool nonblock, Sink&& sink) {
    // linux: __splice_from_pipe() with splice_from_pipe_next(): waits only while nothing has
    // been moved, then takes what is buffered.
    usize done = 0;
    for (;;) {
        int err = 0;
        bool wait = false;
        {
            MutexGuard g(m_mutex);
            while (len) {
                if (empty()) {
                    if (done || !writers()) break;
                    if (nonblock) err = EAGAIN;
                    else wait = true;
                    break;
                }
                PipeBuffer& b = slot(m_tail.load(std::memory_order_relaxed));
                usize n = min<usize>(b.len, len);
                auto taken = sink(b.page + b.offset, n);
                if (taken.is_error()) {
                    if (!done) err = taken.error_code();
                    break;
                }
                usize k = taken.value();
                b.offset += static_cast<u32>(k);
                b.len -= static_cast<u32>(k);
                done += k;
                len -= k;
                if (!b.len) pop_tail_locked();
                if (k < n) break;   // the sink is full
            }
        }
        if (done) m_wq.wake_all();
        if (!wait) {
            if (err) return Error(err);
            return done;
        }
        TRY(wait_readable_unlocked());
    }
}

template <typename Source>
Result<usize> Pipe::fill(usize len, bool nonblock, u32 buf_flags, Source&& source) {
    // linux: wait_for_space() then one pass over the free slots.
    for (;;) {
        usize done = 0;
        int err = 0;
        bool wait = false;
        {
            MutexGuard g(m_mutex);
            if (!readers()) {
                signal_raise_sigpipe();
                return Error(EPIPE);
            }
            if (full()) {
                if (nonblock) return Error(EAGAIN);
                wait = true;
            }
            while (!wait && len && !full()) {
                u8* page = alloc_page();
                if (!page) {
                    if (!done) err = ENOMEM;
                    break;
                }
                auto step = source(page, min<usize>(len, kPipePageSize));
                if (step.is_error() || step.value().n == 0) {
                    free_page(page);
                    if (step.is_error() && !done) err = step.error_code();
                    break;
                }
                FillStep s = step.value();
                push_locked(page, static_cast<u32>(s.n), buf_flags);
                done += s.n;
                len -= s.n;
                if (!s.more) break;
            }
        }
        if (done) m_wq.wake_all();
        if (!wait) {
            if (err) return Error(err);
            return done;
        }
        TRY(wait_writable_unlocked());
    }
}

Result<usize> Pipe::splice_to_pipe(Pipe& out, usize len, bool nonblock) {
    // linux: splice_pipe_to_pipe().
    for (;;) {
        TRY(prep_input(nonblock));
        TRY(out.prep_output(nonblock));
        usize done = 0;
        int err = 0;
        bool retry = false;
        {
            PipeLockPair g(*this, out);
            while (len) {
                if (!out.readers()) {
                    signal_raise_sigpipe();
                    if (!done) err = EPIPE;
                    break;
                }
                if (empty() && !writers()) break;
                if (empty() || out.full()) {
                    if (done) break;
                    if (nonblock) err = EAGAIN;
                    else retry = true;
                    break;
                }
                PipeBuffer& ib = slot(m_tail.load(std::memory_order_relaxed));
                if (len >= ib.len) {
                    // The whole buffer changes pipes.
                    PipeBuffer moved = ib;
                    ib.page = nullptr;
                    pop_tail_locked();
                    out.push_locked(moved.page, moved.len, moved.flags, moved.offset);
                    done += moved.len;
                    len -= moved.len;
                } else {
                    u8* page = out.alloc_page();
                    if (!page) {
                        if (!done) err = ENOMEM;
                        break;
                    }
                    __builtin_memcpy(page, ib.page + ib.offset, len);
                    out.push_locked(page, static_cast<u32>(len), ib.flags & ~u32(PipeBuffer::kCanMerge));
                    ib.offset += static_cast<u32>(len);
                    ib.len -= static_cast<u32>(len);
                    done += len;
                    len = 0;
                }
            }
        }
        if (done) {
            m_wq.wake_all();
            out.m_wq.wake_all();
        }
        if (retry) continue;
        if (err) return Error(err);
        return done;
    }
}

Result<usize> Pipe::tee_to(Pipe& out, usize len, bool nonblock) {
    // linux: do_tee() and link_pipe(): duplicates buffers until the input or the room runs out.
    TRY(prep_input(nonblock));
    TRY(out.prep_output(nonblock));
    usize done = 0;
    int err = 0;
    {
        PipeLockPair g(*this, out);
        u32 head = m_head.load(std::memory_order_relaxed);
        for (u32 i = m_tail.load(std::memory_order_relaxed); len; i++) {
            if (!out.readers()) {
                signal_raise_sigpipe();
                if (!done) err = EPIPE;
                break;
            }
            if (i == head || out.full()) break;
            PipeBuffer& ib = slot(i);
            u32 n = static_cast<u32>(min<usize>(ib.len, len));
            u8* page = out.alloc_page();
            if (!page) {
                if (!done) err = ENOMEM;
                break;
            }
            __builtin_memcpy(page, ib.page + ib.offset, n);
            // The copy may not be merged into (Linux: the page is shared).
            out.push_locked(page, n, ib.flags & ~u32(PipeBuffer::kCanMerge));
            done += n;
            len -= n;
        }
    }
    if (done) out.m_wq.wake_all();
    if (err) return Error(err);
    return done;
}

Result<usize> Pipe::splice_to_file(File& out, u64* offset, usize len, bool nonblock) {
    return drain(min(len, kMaxRwCount), nonblock, [&](const u8* data, usize n) -> Result<usize> {
        IoBuffer buf = IoBuffer::kernel(const_cast<u8*>(data), n);
        usize k = offset ? TRY(out.pwrite(buf, *offset)) : TRY(out.write(buf));
        if (offset) *offset += k;
        return k;
    });
}

Result<usize> Pipe::splice_from_file(File& in, u64* offset, usize len, bool nonblock) {
    // linux: copy_splice_read() reads once into as many pages as there are free slots. Files
    // that can seek are read a page at a time until a short read; other files (terminals,
    // devices) get one read of at most a page, which cannot block twice.
    bool stream = !in.positional();
    return fill(min(len, kMaxRwCount), nonblock, 0, [&](u8* page, usize max) -> Result<FillStep> {
        IoBuffer buf = IoBuffer::kernel(page, max);
        usize k = offset ? TRY(in.pread(buf, *offset)) : TRY(in.read(buf));
        if (offset) *offset += k;
        return FillStep{k, !stream && k == max};
    });
}

Result<usize> Pipe::fill_from_segments(const IoBuffer* segs, usize count, bool nonblock) {
    // linux: vmsplice_to_pipe() -> iter_to_pipe(): one buffer per (at most) page of user data,
    // as much as the free slots hold; never merged into.
    usize total = 0;
    for (usize i = 0; i < count; i++) total += segs[i].size();
    usize seg = 0, seg_off = 0;
    return fill(total, nonblock, 0, [&](u8* page, usize max) -> Result<FillStep> {
        while (seg < count && seg_off == segs[seg].size()) {
            seg++;
            seg_off = 0;
        }
        if (seg == count) return FillStep{0, false};
        usize n = min(max, segs[seg].size() - seg_off);
        TRY(segs[seg].read_at(seg_off, page, n));
        seg_off += n;
        return FillStep{n, true};
    });
}

Result<usize> Pipe::drain_to_segments(const IoBuffer* segs, usize count, bool nonblock) {
    // linux: vmsplice_to_user(): __splice_from_pipe() with pipe_to_user().
    usize total = 0;
    for (usize i = 0; i < count; i++) total += segs[i].size();
    usize seg = 0, seg_off = 0;
    return drain(total, nonblock, [&](const u8* data, usize n) -> Result<usize> {
        usize put = 0;
        while (put < n && seg < count) {
            usize k = min(n - put, segs[seg].size() - seg_off);
            TRY(segs[seg].write_at(seg_off, data + put, k));
            put += k;
            seg_off += k;
            if (seg_off == segs[seg].size()) {
                seg++;
                seg_off = 0;
            }
        }
        return put;
    });
}

// --- entry points ---------------------------------------------------------------------------------

Result<usize> splice_pipe_to_pipe(File& in, File& out, usize len, unsigned flags) {
    Pipe* ip = pipe_of(in);
    Pipe* op = pipe_of(out);
    if (!ip || !op || ip == op) return Error(EINVAL);
    return ip->splice_to_pipe(*op, len, flags & kSpliceFNonblock);
}

Result<usize> pipe_tee(File& in, File& out, usize len, unsigned flags) {
    Pipe* ip = pipe_of(in);
    Pipe* op = pipe_of(out);
    if (!ip || !op || ip == op) return Error(EINVAL);
    return ip->tee_to(*op, len, flags & kSpliceFNonblock);
}

Result<usize> splice_pipe_to_file(File& in, File& out, u64* offset, usize len, unsigned flags) {
    Pipe* ip = pipe_of(in);
    if (!ip) return Error(EINVAL);
    return ip->splice_to_file(out, offset, len, flags & kSpliceFNonblock);
}

Result<usize> splice_file_to_pipe(File& in, u64* offset, File& out, usize len, unsigned flags) {
    Pipe* op = pipe_of(out);
    if (!op) return Error(EINVAL);
    // linux: do_splice_read(): files without splice_read (directories...) give EINVAL.
    if (in.inode().is_dir()) return Error(EINVAL);
    return op->splice_from_file(in, offset, len, flags & kSpliceFNonblock);
}

Result<usize> vmsplice_to_pipe(File& out, const IoBuffer* segs, usize count, unsigned flags) {
    Pipe* op = pipe_of(out);
    if (!op) return Error(EBADF);
    return op->fill_from_segments(segs, count, flags & kSpliceFNonblock);
}

Result<usize> vmsplice_from_pipe(File& in, const IoBuffer* segs, usize count, unsigned flags) {
    Pipe* ip = pipe_of(in);
    if (!ip) return Error(EBADF);
    return ip->drain_to_segments(segs, count, flags & kSpliceFNonblock);
}
