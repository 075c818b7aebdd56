// SPDX-License-Identifier: MIT
// The pipe object: the buffer ring with Linux's read/write/poll rules, resizing for
// F_SETPIPE_SZ, and the end counts FIFO opens rendezvous on (linux: fs/pipe.c). The file side
// (FileOps, pipefs, pipe_create) is in pipe_file.cpp.
#include "fs/pipe/pipe.h"

#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "core/process.h"
#include "core/signal.h"
#include "fs/pipe/pipe_internal.h"
#include "fs/vfs/inode.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

namespace {

// Buffer pages come straight from the buddy allocator (a page-aligned kmalloc would take two).
u8* page_alloc() {
    auto p = pmm_alloc(0);
    if (p.is_error()) return nullptr;
    return static_cast<u8*>(arch::phys_to_virt(p.value()));
}

void page_free(u8* page) {
    if (page) pmm_free(arch::virt_to_phys_direct(page), 0);
}

constexpr u32 kDefaultSlots = kPipeDefaultSize / kPipePageSize;
constexpr u64 kLinuxPipeBufferBytes = 40;
constexpr u64 kLinuxKmallocMax = 4ull << 20;
constinit std::atomic<u32> g_pipe_max_size{kPipeMaxSizeDefault};

// linux: fs/pipe.c round_pipe_size(): 0 (invalid) above 2^31, else a power of two >= a page.
u64 round_pipe_size(u64 size) {
    if (size > (1ull << 31)) return 0;
    if (size < kPipePageSize) return kPipePageSize;
    u64 r = kPipePageSize;
    while (r < size) r <<= 1;
    return r;
}

}  // namespace

// --- Pipe -------------------------------------------------------------------------------------

Result<RefPtr<Pipe>> Pipe::create() {
    auto* p = new (std::nothrow) Pipe();
    if (!p) return Error(ENOMEM);
    auto ref = RefPtr<Pipe>::adopt(p);
    p->m_bufs = static_cast<PipeBuffer*>(kzalloc(sizeof(PipeBuffer) * kDefaultSlots));
    if (!p->m_bufs) return Error(ENOMEM);
    p->m_ring_size = kDefaultSlots;
    p->m_max_usage.store(kDefaultSlots, std::memory_order_relaxed);
    return ref;
}

Pipe::~Pipe() {
    discard_buffers();
    kfree(m_bufs);
}

void Pipe::discard_buffers() {
    u32 head = m_head.load(std::memory_order_relaxed);
    for (u32 i = m_tail.load(std::memory_order_relaxed); i != head; i++) {
        page_free(slot(i).page);
        slot(i).page = nullptr;
    }
    m_tail.store(head, std::memory_order_release);
    page_free(m_spare);
    m_spare = nullptr;
}

u8* Pipe::alloc_page() {
    if (u8* p = m_spare) {
        m_spare = nullptr;
        return p;
    }
    return page_alloc();
}

void Pipe::free_page(u8* page) {
    if (!m_spare) m_spare = page;
    else page_free(page);
}

void Pipe::push_locked(u8* page, u32 len, u32 flags, u32 offset) {
    u32 head = m_head.load(std::memory_order_relaxed);
    slot(head) = PipeBuffer{page, offset, len, flags};
    m_head.store(head + 1, std::memory_order_release);
}

void Pipe::pop_tail_locked() {
    u32 tail = m_tail.load(std::memory_order_relaxed);
    PipeBuffer& b = slot(tail);
    if (b.page) free_page(b.page);
    b = PipeBuffer{};
    m_tail.store(tail + 1, std::memory_order_release);
}

bool Pipe::readable_now() const {
    return m_head.load(std::memory_order_acquire) != m_tail.load(std::memory_order_acquire) || !writers();
}

bool Pipe::writable_now() const {
    u32 used = m_head.load(std::memory_order_acquire) - m_tail.load(std::memory_order_acquire);
    return used < m_max_usage.load(std::memory_order_acquire) || !readers();
}

Result<void> Pipe::wait_readable_unlocked() {
    if (m_wq.wait_interruptible([this] { return readable_now(); }).is_error()) return Error(kErestartSys);
    return {};
}

Result<void> Pipe::wait_writable_unlocked() {
    if (m_wq.wait_interruptible([this] { return writable_now(); }).is_error()) return Error(kErestartSys);
    return {};
}

void Pipe::add_ends(bool rd, bool wr) {
    if (rd) {
        m_r_counter.fetch_add(1, std::memory_order_acq_rel);
        m_readers.fetch_add(1, std::memory_order_acq_rel);
    }
    if (wr) {
        m_w_counter.fetch_add(1, std::memory_order_acq_rel);
        m_writers.fetch_add(1, std::memory_order_acq_rel);
    }
    m_wq.wake_all();   // linux: wake_up_partner()
}

void Pipe::drop_ends(bool rd, bool wr) {
    if (rd) m_readers.fetch_sub(1, std::memory_order_acq_rel);
    if (wr) m_writers.fetch_sub(1, std::memory_order_acq_rel);
    m_wq.wake_all();   // EOF for readers, EPIPE for writers, POLLHUP/POLLERR for pollers
}

Result<usize> Pipe::read(const IoBuffer& buf, bool nonblock) {
    // linux: pipe_read().
    usize total = buf.size();
    if (total == 0) return usize(0);
    usize done = 0;
    for (;;) {
        int err = 0;
        bool wait = false;
        bool moved = false;
        {
            MutexGuard g(m_mutex);
            while (!empty()) {
                PipeBuffer& b = slot(m_tail.load(std::memory_order_relaxed));
                usize chars = min<usize>(b.len, total - done);
                if (buf.write_at(done, b.page + b.offset, chars).is_error()) {
                    if (!done) err = EFAULT;
                    break;
                }
                done += chars;
                b.offset += static_cast<u32>(chars);
                b.len -= static_cast<u32>(chars);
                moved = true;
                bool packet = b.flags & PipeBuffer::kPacket;
                if (packet) b.len = 0;   // the rest of a packet that did not fit is dropped
                if (b.len == 0) pop_tail_locked();
                if (packet || done == total) break;
            }
            if (!done && !err) {
                if (!writers()) {
                    // end of file
                } else if (nonblock) {
                    err = EAGAIN;
                } else {
                    wait = true;
                }
            }
        }
        if (moved) m_wq.wake_all(POLLOUT | POLLWRNORM);   // room for writers (the key steers epoll)
        if (!wait) {
            if (err) return Error(err);
            return done;
        }
        TRY(wait_readable_unlocked());
    }
}

Result<usize> Pipe::write(const IoBuffer& buf, bool nonblock, bool packet) {
    // linux: pipe_write(). Writes of at most PIPE_BUF bytes land in one buffer (a merge into the
    // last one, or a fresh page), so they are never interleaved with other writers' data.
    usize total = buf.size();
    if (total == 0) return usize(0);   // a null write succeeds even without readers
    usize done = 0;
    bool first = true;
    for (;;) {
        int err = 0;
        bool finished = false;
        bool moved = false;
        {
            MutexGuard g(m_mutex);
            if (!readers()) {
                signal_raise_sigpipe();
                if (!done) err = EPIPE;
                finished = true;
            }
            if (!finished && first) {
                first = false;
                usize chars = total & (kPipePageSize - 1);
                if (chars && !empty()) {
                    PipeBuffer& last = slot(m_head.load(std::memory_order_relaxed) - 1);
                    u32 off = last.offset + last.len;
                    if ((last.flags & PipeBuffer::kCanMerge) && off + chars <= kPipePageSize) {
                        if (buf.read_at(0, last.page + off, chars).is_error()) {
                            err = EFAULT;
                            finished = true;
                        } else {
                            last.len += static_cast<u32>(chars);
                            done = chars;
                            moved = true;
                            finished = done == total;
                        }
                    }
                }
            }
            while (!finished) {
                if (!readers()) {
                    signal_raise_sigpipe();
                    if (!done) err = EPIPE;
                    finished = true;
                    break;
                }
                if (!full()) {
                    u8* page = alloc_page();
                    if (!page) {
                        if (!done) err = ENOMEM;
                        finished = true;
                        break;
                    }
                    usize chunk = min<usize>(kPipePageSize, total - done);
                    if (buf.read_at(done, page, chunk).is_error()) {
                        free_page(page);
                        if (!done) err = EFAULT;
                        finished = true;
                        break;
                    }
                    push_locked(page, static_cast<u32>(chunk), packet ? PipeBuffer::kPacket : PipeBuffer::kCanMerge);
                    done += chunk;
                    moved = true;
                    if (done == total) finished = true;
                    continue;
                }
                if (nonblock) {
                    if (!done) err = EAGAIN;
                    finished = true;
                } else if (signal_pending_current()) {
                    if (!done) err = kErestartSys;
                    finished = true;
                }
                break;   // full: wait for a reader below
            }
        }
        if (moved) m_wq.wake_all(POLLIN | POLLRDNORM);   // data for readers
        if (finished) {
            if (err) return Error(err);
            return done;
        }
        if (wait_writable_unlocked().is_error()) {
            if (!done) return Error(kErestartSys);
            return done;
        }
    }
}

u32 Pipe::poll(bool rd, bool wr, u32 w_seen) const {
    // linux: pipe_poll(), read without the mutex (as Linux reads head/tail with READ_ONCE).
    u32 head = m_head.load(std::memory_order_acquire);
    u32 tail = m_tail.load(std::memory_order_acquire);
    u32 mask = 0;
    if (rd) {
        if (head != tail) mask |= POLLIN | POLLRDNORM;
        if (!writers() && w_seen != w_counter()) mask |= POLLHUP;
    }
    if (wr) {
        if (head - tail < m_max_usage.load(std::memory_order_acquire)) mask |= POLLOUT | POLLWRNORM;
        if (!readers()) mask |= POLLERR;
    }
    return mask;
}

usize Pipe::bytes_queued() {
    MutexGuard g(m_mutex);
    usize n = 0;
    u32 head = m_head.load(std::memory_order_relaxed);
    for (u32 i = m_tail.load(std::memory_order_relaxed); i != head; i++) n += slot(i).len;
    return n;
}

Result<long> Pipe::set_size(u64 bytes, bool is_privileged) {
    // linux: pipe_set_size() and pipe_resize_ring(). The user-pages limits
    // (pipe-user-pages-soft/hard) are not modelled.
    u64 size = round_pipe_size(bytes);
    u32 nr_slots = static_cast<u32>(size / kPipePageSize);
    if (!nr_slots) return Error(EINVAL);
    MutexGuard g(m_mutex);
    if (nr_slots > m_max_usage.load(std::memory_order_relaxed) && size > pipe_max_size() && !is_privileged)
        return Error(EPERM);
    if (occupancy() > nr_slots) return Error(EBUSY);
    // linux: pipe_resize_ring() kcallocs nr_slots struct pipe_buffer (40 bytes), which fails
    // above KMALLOC_MAX_SIZE (4 MiB on x86_64): 2^17 slots and more are ENOMEM even for root.
    if (u64(nr_slots) * kLinuxPipeBufferBytes > kLinuxKmallocMax) return Error(ENOMEM);
    auto* bufs = static_cast<PipeBuffer*>(kzalloc(sizeof(PipeBuffer) * nr_slots));
    if (!bufs) return Error(ENOMEM);
    // head and tail are free-running, so the buffers keep their counters in the new ring.
    u32 head = m_head.load(std::memory_order_relaxed);
    for (u32 i = m_tail.load(std::memory_order_relaxed); i != head; i++) bufs[i & (nr_slots - 1)] = slot(i);
    kfree(m_bufs);
    m_bufs = bufs;
    m_ring_size = nr_slots;
    m_max_usage.store(nr_slots, std::memory_order_release);
    m_wq.wake_all();   // room may have appeared
    return static_cast<long>(size);
}

u32 pipe_max_size() { return g_pipe_max_size.load(std::memory_order_relaxed); }

Result<void> pipe_set_max_size(u64 bytes) {
    u64 size = round_pipe_size(bytes);
    if (!size || size > (1ull << 31)) return Error(EINVAL);
    g_pipe_max_size.store(static_cast<u32>(size), std::memory_order_relaxed);
    return {};
}
