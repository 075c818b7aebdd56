// SPDX-License-Identifier: MIT
// The pipe object shared by pipe.cpp (pipe ends, fcntl, ioctl), fifo.cpp (named pipes) and
// splice.cpp. Modelled on Linux's pipe_inode_info (linux: fs/pipe.c, include/linux/pipe_fs_i.h):
// a power-of-two ring of buffers, each one page with an offset and a length; head and tail are
// free-running counters, so occupancy is head - tail.
//
// Locking: m_mutex serialises every change to the ring (Linux's pipe->mutex); it is held while
// data is copied to or from user memory and is dropped while waiting. head, tail, the slot
// limit and the end counts are atomics written under the mutex (the counts also by release(),
// which must not sleep) so that poll() and wait predicates read them without the mutex: a
// readiness check runs after the poller marked itself blocked and must not sleep.
#pragma once

#include <atomic>

#include "core/wait_queue.h"
#include "fs/pipe/pipe.h"
#include "sync/mutex.h"

class Inode;

constexpr u32 kPipePageSize = 4096;

struct PipeBuffer {
    enum : u32 { kCanMerge = 1, kPacket = 2 };
    u8* page;
    u32 offset;
    u32 len;
    u32 flags;
};

class Pipe : public RefCounted<Pipe> {
public:
    static Result<RefPtr<Pipe>> create();
    ~Pipe();
    ARAMID_NOCOPY(Pipe);

    // read(2)/write(2) semantics of man 7 pipe. Interrupted with nothing transferred: ERESTARTSYS.
    Result<usize> read(const IoBuffer& buf, bool nonblock);
    Result<usize> write(const IoBuffer& buf, bool nonblock, bool packet);
    // Linux's pipe_poll for an end open for reading and/or writing; w_seen suppresses POLLHUP on
    // a FIFO opened for reading before any writer came (linux: f_version vs w_counter).
    u32 poll(bool rd, bool wr, u32 w_seen) const;
    usize bytes_queued();                             // FIONREAD
    Result<long> set_size(u64 bytes, bool privileged);  // F_SETPIPE_SZ
    u32 size_bytes() const { return m_max_usage.load(std::memory_order_acquire) * kPipePageSize; }
    WaitQueue& wait_queue() { return m_wq; }

    // End bookkeeping (Linux's readers/writers and r_counter/w_counter).
    void add_ends(bool rd, bool wr);
    void drop_ends(bool rd, bool wr);   // does not sleep
    u32 readers() const { return m_readers.load(std::memory_order_acquire); }
    u32 writers() const { return m_writers.load(std::memory_order_acquire); }
    u32 r_counter() const { return m_r_counter.load(std::memory_order_acquire); }
    u32 w_counter() const { return m_w_counter.load(std::memory_order_acquire); }
    void wake() { m_wq.wake_all(); }
    // Frees the buffered data (the last opener of a FIFO is gone). Does not sleep; nobody else
    // may be using the pipe.
    void discard_buffers();

    // splice family (splice.cpp).
    Result<usize> splice_to_pipe(Pipe& out, usize len, bool nonblock);
    Result<usize> tee_to(Pipe& out, usize len, bool nonblock);
    Result<usize> splice_to_file(File& out, u64* offset, usize len, bool nonblock);
    Result<usize> splice_from_file(File& in, u64* offset, usize len, bool nonblock);
    Result<usize> fill_from_segments(const IoBuffer* segs, usize count, bool nonblock);
    Result<usize> drain_to_segments(const IoBuffer* segs, usize count, bool nonblock);

    // FIFO registry (fifo.cpp): the inode this pipe serves, the next registered pipe and the
    // number of open files on it (0 = stale: the next fifo_open replaces it).
    const Inode* fifo_key = nullptr;
    Pipe* registry_next = nullptr;
    std::atomic<u32> fifo_files{0};

private:
    Pipe() = default;
    friend class PipeLockPair;

    bool empty() const { return m_head.load(std::memory_order_relaxed) == m_tail.load(std::memory_order_relaxed); }
    u32 occupancy() const {
        return m_head.load(std::memory_order_relaxed) - m_tail.load(std::memory_order_relaxed);
    }
    bool full() const { return occupancy() >= m_max_usage.load(std::memory_order_relaxed); }
    PipeBuffer& slot(u32 index) { return m_bufs[index & (m_ring_size - 1)]; }
    // A page for a new buffer (the cached spare first), or null.
    u8* alloc_page();
    void free_page(u8* page);
    // Appends a buffer (mutex held, ring not full) / drops the tail buffer (mutex held).
    void push_locked(u8* page, u32 len, u32 flags, u32 offset = 0);
    void pop_tail_locked();
    // Waits, with the mutex released, for data or no writers (readable) / space or no readers
    // (writable). ERESTARTSYS when a signal interrupts.
    Result<void> wait_readable_unlocked();
    Result<void> wait_writable_unlocked();
    // The generic loops behind splice, tee and vmsplice (splice.cpp). drain() hands buffered
    // bytes to sink(const u8*, usize) -> Result<usize> (how many it took; fewer ends the call);
    // fill() asks source(u8* page, usize max) -> Result<FillStep> for new buffers.
    struct FillStep {
        usize n;      // bytes placed in the page (0: nothing more)
        bool more;    // whether to ask again
    };
    template <typename Sink>
    Result<usize> drain(usize len, bool nonblock, Sink&& sink);
    template <typename Source>
    Result<usize> fill(usize len, bool nonblock, u32 buf_flags, Source&& source);
    // Waits until input is available or has no writers (linux: ipipe_prep) / until there is
    // room, failing with EPIPE and SIGPIPE without readers (linux: opipe_prep).
    Result<void> prep_input(bool nonblock);
    Result<void> prep_output(bool nonblock);
    bool readable_now() const;
    bool writable_now() const;

    Mutex m_mutex{"pipe"};
    PipeBuffer* m_bufs = nullptr;
    u32 m_ring_size = 0;                  // slots in m_bufs (a power of two)
    std::atomic<u32> m_max_usage{0};      // slots that may be used (== m_ring_size here)
    std::atomic<u32> m_head{0};
    std::atomic<u32> m_tail{0};
    std::atomic<u32> m_readers{0};
    std::atomic<u32> m_writers{0};
    std::atomic<u32> m_r_counter{0};
    std::atomic<u32> m_w_counter{0};
    u8* m_spare = nullptr;                // linux: tmp_page
    WaitQueue m_wq;                       // readers, writers, pollers and FIFO openers
};

// The Pipe behind an open pipe end, or null.
Pipe* pipe_of(const File& file);
// Attaches file to pipe as the ends its access mode says (counts updated, ops and per-file state
// set). w_seen: see Pipe::poll. fifo: the file counts as a FIFO opener (pipe->fifo_files).
Result<void> pipe_attach_file(File& file, RefPtr<Pipe> pipe, u32 w_seen, bool fifo);
// Undoes the attach of a file whose open failed before it was published.
void pipe_detach_file(File& file);
// The FIFO registry's release hook (fifo.cpp): one opener of pipe is gone.
void fifo_release(Pipe& pipe);
// An inode of the internal pipe file system (for anonymous pipes and for tests).
Result<RefPtr<Inode>> pipe_make_inode(u32 mode);
