// SPDX-License-Identifier: MIT
// Pipes, FIFOs, splice/tee and the poll loop, driven from kernel threads with kernel buffers.
#include <atomic>

#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "core/sched.h"
#include "core/time.h"
#include "fs/pipe/pipe.h"
#include "fs/pipe/pipe_internal.h"
#include "fs/pipe/poll_wait.h"
#include "fs/vfs/inode.h"
#include "ktest/ktest.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

namespace {

constexpr u64 kMs = 1'000'000;

struct PipePair {
    RefPtr<File> r, w;
};

PipePair make_pipe(u32 flags = 0) {
    PipePair p;
    VERIFY(pipe_create(p.r, p.w, flags).is_ok());
    return p;
}

Result<usize> put(File& f, const void* data, usize n) {
    return f.write(IoBuffer::kernel(const_cast<void*>(data), n));
}
Result<usize> get(File& f, void* data, usize n) { return f.read(IoBuffer::kernel(data, n)); }

// A started kernel thread and a flag it sets when done.
struct Worker {
    Thread* t = nullptr;
    std::atomic<bool> done{false};
    void start(const char* name, Thread::Entry fn, void* arg) {
        t = MUST(Thread::create(name, fn, arg));
        sched_start(t);
    }
    void join() {
        while (!t->finished()) sleep_ns(kMs);
        t->unref();
        t = nullptr;
    }
};

// Polls one file for `events` with a deadline `ms` from now.
u32 poll_one(File& f, u32 events, u64 ms) {
    PollEntry e;
    e.file = RefPtr<File>(&f);
    e.events = events;
    Span<PollEntry> s(&e, 1);
    auto r = poll_files(s, ms ? poll_deadline_after(ms * kMs) : kPollNoWait);
    VERIFY(r.is_ok());
    return e.revents;
}

}  // namespace

KTEST(pipe_basic, "pipe.basic_read_write") {
    PipePair p = make_pipe();
    KEXPECT(file_is_pipe(*p.r) && file_is_pipe(*p.w));
    KEXPECT_EQ(p.r->inode().type(), u32(S_IFIFO));
    KEXPECT_EQ(put(*p.w, "hello", 5).value_or(0), 5u);
    char buf[16] = {};
    KEXPECT_EQ(get(*p.r, buf, 3).value_or(0), 3u);
    KEXPECT(__builtin_memcmp(buf, "hel", 3) == 0);
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(0), 2u);
    KEXPECT(__builtin_memcmp(buf, "lo", 2) == 0);
    // Wrong-direction I/O and seeking are refused.
    KEXPECT_EQ(get(*p.w, buf, 1).error_code(), EBADF);
    KEXPECT_EQ(put(*p.r, "x", 1).error_code(), EBADF);
    KEXPECT_EQ(p.r->lseek(0, SEEK_CUR).error_code(), ESPIPE);
    KEXPECT_EQ(p.r->pread(IoBuffer::kernel(buf, 1), 0).error_code(), ESPIPE);
    // Zero-length I/O succeeds at once.
    KEXPECT_EQ(get(*p.r, buf, 0).value_or(99), 0u);
    KEXPECT_EQ(put(*p.w, buf, 0).value_or(99), 0u);
}

KTEST(pipe_eof, "pipe.eof_after_writer_closes") {
    PipePair p = make_pipe();
    KEXPECT_EQ(put(*p.w, "abc", 3).value_or(0), 3u);
    p.w = nullptr;   // the last writer goes: data stays readable, then EOF
    char buf[8];
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(0), 3u);
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(99), 0u);
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(99), 0u);
}

KTEST(pipe_epipe, "pipe.epipe_without_readers") {
    PipePair p = make_pipe();
    p.r = nullptr;
    KEXPECT_EQ(put(*p.w, "x", 1).error_code(), EPIPE);
    KEXPECT_EQ(put(*p.w, "x", 0).value_or(99), 0u);   // a null write succeeds even so
}

KTEST(pipe_nonblock, "pipe.nonblock_eagain_and_capacity") {
    PipePair p = make_pipe(O_NONBLOCK);
    static char buf[4096];   // static: kernel stacks are small (-Wframe-larger-than)
    KEXPECT_EQ(get(*p.r, buf, 1).error_code(), EAGAIN);
    __builtin_memset(buf, 'z', sizeof(buf));
    usize total = 0;
    for (int i = 0; i < 100; i++) {
        auto r = put(*p.w, buf, sizeof(buf));
        if (r.is_error()) {
            KEXPECT_EQ(r.error_code(), EAGAIN);
            break;
        }
        total += r.value();
    }
    KEXPECT_EQ(total, usize(kPipeDefaultSize));
    KEXPECT_EQ(put(*p.w, "y", 1).error_code(), EAGAIN);
    // A large non-blocking write takes what fits and returns the partial count.
    KEXPECT_EQ(get(*p.r, buf, 4096).value_or(0), 4096u);
    auto* big = static_cast<char*>(kmalloc(3 * 4096));
    KASSERT(big);
    KEXPECT_EQ(put(*p.w, big, 3 * 4096).value_or(0), 4096u);
    kfree(big);
}

KTEST(pipe_small_merge, "pipe.small_writes_merge_into_pages") {
    PipePair p = make_pipe(O_NONBLOCK);
    // 65536 one-byte writes fit: they share pages, as on Linux.
    usize n = 0;
    for (int i = 0; i < 70000; i++) {
        if (put(*p.w, "a", 1).is_error()) break;
        n++;
    }
    KEXPECT_EQ(n, usize(kPipeDefaultSize));
}

KTEST(pipe_packet, "pipe.packet_mode_o_direct") {
    PipePair p = make_pipe(O_DIRECT);
    KEXPECT(!(p.r->flags() & O_DIRECT));   // linux: only the write end carries O_DIRECT
    KEXPECT(p.w->flags() & O_DIRECT);
    KEXPECT_EQ(put(*p.w, "abc", 3).value_or(0), 3u);
    KEXPECT_EQ(put(*p.w, "defgh", 5).value_or(0), 5u);
    char buf[16] = {};
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(0), 3u);
    KEXPECT_EQ(get(*p.r, buf, 2).value_or(0), 2u);   // the rest of the packet is dropped
    KEXPECT(__builtin_memcmp(buf, "de", 2) == 0);
    p.w = nullptr;
    KEXPECT_EQ(get(*p.r, buf, sizeof(buf)).value_or(99), 0u);
}

KTEST(pipe_fcntl_sz, "pipe.fcntl_pipe_size") {
    PipePair p = make_pipe(O_NONBLOCK);
    KEXPECT_EQ(pipe_fcntl_size(*p.r, F_GETPIPE_SZ, 0).value_or(0), long(kPipeDefaultSize));
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 5000).value_or(0), 8192l);
    KEXPECT_EQ(pipe_fcntl_size(*p.r, F_GETPIPE_SZ, 0).value_or(0), 8192l);
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 0).value_or(0), 4096l);
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, (1ul << 31) + 1).error_code(), EINVAL);
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 1ul << 30).error_code(), ENOMEM);   // as Linux
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, (1ul << 32) + 4096).value_or(0), 4096l);   // int arg
    KEXPECT_EQ(pipe_fcntl_size(*p.w, 12345, 0).error_code(), EINVAL);
    // Grow, put three pages in, then shrinking below three buffers is EBUSY.
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 16384).value_or(0), 16384l);
    auto* buf = static_cast<char*>(kmalloc(3 * 4096));
    KASSERT(buf);
    for (int i = 0; i < 3 * 4096; i++) buf[i] = static_cast<char>(i % 251);
    KEXPECT_EQ(put(*p.w, buf, 3 * 4096).value_or(0), 3u * 4096);
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 8192).error_code(), EBUSY);
    // Data survives a resize of the ring.
    KEXPECT_EQ(pipe_fcntl_size(*p.w, F_SETPIPE_SZ, 65536).value_or(0), 65536l);
    auto* back = static_cast<char*>(kmalloc(3 * 4096));
    KASSERT(back);
    KEXPECT_EQ(get(*p.r, back, 3 * 4096).value_or(0), 3u * 4096);
    KEXPECT(__builtin_memcmp(buf, back, 3 * 4096) == 0);
    kfree(buf);
    kfree(back);
    // Non-pipes are EBADF for the fcntl hook.
    RefPtr<Inode> ino = MUST(pipe_make_inode(S_IFREG | 0600));
    RefPtr<File> plain = MUST(File::open_anonymous(ino, path_only_ops(), O_RDONLY));
    KEXPECT_EQ(pipe_fcntl_size(*plain, F_GETPIPE_SZ, 0).error_code(), EBADF);
}

namespace {
struct Stream {
    PipePair p;
    static constexpr usize kBytes = 256 * 1024;
    std::atomic<bool> ok{true};
    Worker writer, reader;
};

void stream_writer(void* arg) {
    auto* s = static_cast<Stream*>(arg);
    u8 buf[1500];
    usize sent = 0, chunk = 1;
    while (sent < Stream::kBytes) {
        usize n = min(chunk, Stream::kBytes - sent);
        for (usize i = 0; i < n; i++) buf[i] = static_cast<u8>((sent + i) % 253);
        auto r = put(*s->p.w, buf, n);
        if (r.is_error() || r.value() != n) s->ok = false;   // blocking writes are complete
        sent += n;
        chunk = chunk * 7 % 1499 + 1;
    }
    s->p.w = nullptr;
}

void stream_reader(void* arg) {
    auto* s = static_cast<Stream*>(arg);
    u8 buf[3000];
    usize got = 0;
    for (;;) {
        auto r = get(*s->p.r, buf, (got % 5 + 1) * 600);
        if (r.is_error()) {
            s->ok = false;
            break;
        }
        if (r.value() == 0) break;
        for (usize i = 0; i < r.value(); i++)
            if (buf[i] != static_cast<u8>((got + i) % 253)) s->ok = false;
        got += r.value();
    }
    if (got != Stream::kBytes) s->ok = false;
}
}  // namespace

KTEST(pipe_stream, "pipe.two_threads_stream") {
    auto* s = new (std::nothrow) Stream();
    KASSERT(s);
    s->p = make_pipe();
    s->reader.start("pipe-rd", stream_reader, s);
    s->writer.start("pipe-wr", stream_writer, s);
    s->writer.join();
    s->reader.join();
    KEXPECT(s->ok.load());
    delete s;
}

namespace {
struct Atomicity {
    PipePair p;
    static constexpr int kRecords = 64;
    Worker w[2];
    std::atomic<int> writers_left{2};
};

struct WriterArg {
    Atomicity* a;
    u8 tag;
};

void record_writer(void* arg) {
    auto* wa = static_cast<WriterArg*>(arg);
    // One record buffer per writer (heap: the stack is small, and the writers run concurrently).
    constexpr usize kRec = 4096;
    auto* rec = static_cast<u8*>(kmalloc(kRec));
    VERIFY(rec);
    __builtin_memset(rec, wa->tag, kRec);
    for (int i = 0; i < Atomicity::kRecords; i++) {
        (void)put(*wa->a->p.w, rec, kRec);
        if (i % 8 == 0) thread_yield();
    }
    kfree(rec);
    wa->a->writers_left.fetch_sub(1);
}
}  // namespace

KTEST(pipe_atomic, "pipe.atomic_pipe_buf_writes") {
    auto* a = new (std::nothrow) Atomicity();
    KASSERT(a);
    a->p = make_pipe();
    WriterArg args[2] = {{a, 'A'}, {a, 'B'}};
    a->w[0].start("pipe-wa", record_writer, &args[0]);
    a->w[1].start("pipe-wb", record_writer, &args[1]);
    // Read with odd sizes: every aligned 4096-byte record must still be all one writer's.
    constexpr usize kTotal = 2 * Atomicity::kRecords * 4096;
    auto* stream = static_cast<u8*>(kmalloc(kTotal));
    KASSERT(stream);
    usize got = 0;
    while (got < kTotal) {
        auto r = get(*a->p.r, stream + got, min<usize>(kTotal - got, 1000 + got % 3000));
        KASSERT(r.is_ok() && r.value() > 0);
        got += r.value();
    }
    a->w[0].join();
    a->w[1].join();
    int counts[2] = {0, 0};
    int switches = 0;
    bool torn = false;
    for (usize rec = 0; rec < kTotal / 4096; rec++) {
        u8 tag = stream[rec * 4096];
        if (rec && tag != stream[(rec - 1) * 4096]) switches++;
        for (usize i = 1; i < 4096; i++)
            if (stream[rec * 4096 + i] != tag) torn = true;
        if (tag == 'A') counts[0]++;
        else if (tag == 'B') counts[1]++;
    }
    kfree(stream);
    kprintln("KTEST   records from the two writers interleaved %d times", switches);
    KEXPECT(!torn);
    KEXPECT_EQ(counts[0], Atomicity::kRecords);
    KEXPECT_EQ(counts[1], Atomicity::kRecords);
    delete a;
}

namespace {
struct BlockedReader {
    PipePair p;
    Worker w;
    std::atomic<bool> returned{false};
    char got[8] = {};
    usize n = 0;
};

void blocked_reader(void* arg) {
    auto* b = static_cast<BlockedReader*>(arg);
    b->n = get(*b->p.r, b->got, sizeof(b->got)).value_or(0);
    b->returned = true;
}
}  // namespace

KTEST(pipe_wake, "pipe.blocked_reader_woken_by_writer") {
    auto* b = new (std::nothrow) BlockedReader();
    KASSERT(b);
    b->p = make_pipe();
    b->w.start("pipe-blk", blocked_reader, b);
    sleep_ns(30 * kMs);
    KEXPECT(!b->returned.load());   // nothing to read: still blocked
    KEXPECT_EQ(put(*b->p.w, "wake", 4).value_or(0), 4u);
    b->w.join();
    KEXPECT(b->returned.load());
    KEXPECT_EQ(b->n, 4u);
    KEXPECT(__builtin_memcmp(b->got, "wake", 4) == 0);
    delete b;
}

namespace {
struct BlockedWriter {
    PipePair p;
    Worker w;
    std::atomic<bool> returned{false};
    int err = 0;
};

void blocked_writer(void* arg) {
    auto* b = static_cast<BlockedWriter*>(arg);
    auto r = put(*b->p.w, "x", 1);
    b->err = r.is_error() ? r.error_code() : 0;
    b->returned = true;
}
}  // namespace

KTEST(pipe_writer_epipe, "pipe.blocked_writer_gets_epipe_when_reader_leaves") {
    auto* b = new (std::nothrow) BlockedWriter();
    KASSERT(b);
    b->p = make_pipe();
    KEXPECT_EQ(pipe_fcntl_size(*b->p.w, F_SETPIPE_SZ, 4096).value_or(0), 4096l);
    static char page[4096] = {};
    KEXPECT_EQ(put(*b->p.w, page, sizeof(page)).value_or(0), 4096u);   // full
    b->w.start("pipe-wblk", blocked_writer, b);
    sleep_ns(30 * kMs);
    KEXPECT(!b->returned.load());
    b->p.r = nullptr;
    b->w.join();
    KEXPECT_EQ(b->err, EPIPE);
    delete b;
}

KTEST(pipe_poll, "pipe.poll_readiness_transitions") {
    PipePair p = make_pipe(O_NONBLOCK);
    constexpr u32 kIn = POLLIN | POLLERR | POLLHUP;
    constexpr u32 kOut = POLLOUT | POLLERR | POLLHUP;
    KEXPECT_EQ(poll_one(*p.r, kIn, 0), 0u);
    KEXPECT_EQ(poll_one(*p.w, kOut, 0), u32(POLLOUT));
    // A timed wait with nothing ready lasts until the deadline.
    u64 t0 = monotonic_ns();
    KEXPECT_EQ(poll_one(*p.r, kIn, 20), 0u);
    KEXPECT(monotonic_ns() - t0 >= 20 * kMs);
    KEXPECT_EQ(put(*p.w, "d", 1).value_or(0), 1u);
    KEXPECT_EQ(poll_one(*p.r, kIn, 0), u32(POLLIN));
    // Full (16 buffers): no POLLOUT; one buffer read: POLLOUT again.
    static char page[4096] = {};
    while (put(*p.w, page, sizeof(page)).is_ok()) {
    }
    KEXPECT_EQ(poll_one(*p.w, kOut, 0), 0u);
    KEXPECT_EQ(get(*p.r, page, 1).value_or(0), 1u);
    KEXPECT_EQ(poll_one(*p.w, kOut, 0), u32(POLLOUT));
    // The writer goes: POLLHUP (with POLLIN while data remains).
    RefPtr<File> w = p.w;
    p.w = nullptr;
    KEXPECT_EQ(poll_one(*p.r, kIn, 0), u32(POLLIN));   // w still holds the write end
    w = nullptr;
    KEXPECT_EQ(poll_one(*p.r, kIn, 0), u32(POLLIN | POLLHUP));
    // The reader goes: POLLERR on the write end.
    PipePair q = make_pipe();
    q.r = nullptr;
    KEXPECT_EQ(poll_one(*q.w, kOut, 0), u32(POLLOUT | POLLERR));
    // Several entries: the count is of ready entries; a null file keeps the caller's revents.
    PipePair z = make_pipe();
    PollEntry es[3];
    es[0].file = z.r;
    es[0].events = kIn;
    es[1].file = z.w;
    es[1].events = kOut;
    es[2].revents = POLLNVAL;
    KEXPECT_EQ(poll_files(Span<PollEntry>(es, 3), kPollNoWait).value_or(-1), 2);
    KEXPECT_EQ(es[0].revents, 0u);
    KEXPECT_EQ(es[1].revents, u32(POLLOUT));
    KEXPECT_EQ(es[2].revents, u32(POLLNVAL));
}

namespace {
struct Poller {
    PipePair p;
    Worker w;
    std::atomic<int> result{-2};
    u32 revents = 0;
};

void poller(void* arg) {
    auto* po = static_cast<Poller*>(arg);
    PollEntry e;
    e.file = po->p.r;
    e.events = POLLIN;
    auto r = poll_files(Span<PollEntry>(&e, 1), kPollForever);
    po->revents = e.revents;
    po->result = r.value_or(-1);
}
}  // namespace

KTEST(pipe_poll_wake, "pipe.poll_sleeps_until_data") {
    auto* po = new (std::nothrow) Poller();
    KASSERT(po);
    po->p = make_pipe();
    po->w.start("pipe-poll", poller, po);
    sleep_ns(30 * kMs);
    KEXPECT_EQ(po->result.load(), -2);   // still waiting
    KEXPECT_EQ(put(*po->p.w, "!", 1).value_or(0), 1u);
    po->w.join();
    KEXPECT_EQ(po->result.load(), 1);
    KEXPECT_EQ(po->revents, u32(POLLIN));
    delete po;
}

KTEST(pipe_splice, "pipe.splice_and_tee_between_pipes") {
    PipePair a = make_pipe(O_NONBLOCK), b = make_pipe(O_NONBLOCK), c = make_pipe(O_NONBLOCK);
    KEXPECT_EQ(put(*a.w, "0123456789", 10).value_or(0), 10u);
    // tee copies without consuming.
    KEXPECT_EQ(pipe_tee(*a.r, *c.w, 100, 0).value_or(0), 10u);
    // splice moves: a partial buffer, then the rest.
    KEXPECT_EQ(splice_pipe_to_pipe(*a.r, *b.w, 4, 0).value_or(0), 4u);
    KEXPECT_EQ(splice_pipe_to_pipe(*a.r, *b.w, 100, 0).value_or(0), 6u);
    KEXPECT_EQ(splice_pipe_to_pipe(*a.r, *b.w, 100, kSpliceFNonblock).error_code(), EAGAIN);
    char buf[32] = {};
    KEXPECT_EQ(get(*b.r, buf, sizeof(buf)).value_or(0), 10u);
    KEXPECT(__builtin_memcmp(buf, "0123456789", 10) == 0);
    __builtin_memset(buf, 0, sizeof(buf));
    KEXPECT_EQ(get(*c.r, buf, sizeof(buf)).value_or(0), 10u);
    KEXPECT(__builtin_memcmp(buf, "0123456789", 10) == 0);
    // Same pipe: EINVAL; the input's writer gone: 0; the output's reader gone: EPIPE.
    KEXPECT_EQ(splice_pipe_to_pipe(*a.r, *a.w, 1, 0).error_code(), EINVAL);
    KEXPECT_EQ(pipe_tee(*a.r, *a.w, 1, 0).error_code(), EINVAL);
    a.w = nullptr;
    KEXPECT_EQ(splice_pipe_to_pipe(*a.r, *b.w, 10, 0).value_or(99), 0u);
    KEXPECT_EQ(put(*c.w, "q", 1).value_or(0), 1u);
    b.r = nullptr;
    KEXPECT_EQ(splice_pipe_to_pipe(*c.r, *b.w, 10, 0).error_code(), EPIPE);
    // vmsplice-style segments in and out.
    PipePair d = make_pipe();
    char s1[] = "ab", s2[] = "cde";
    IoBuffer in_segs[2] = {IoBuffer::kernel(s1, 2), IoBuffer::kernel(s2, 3)};
    KEXPECT_EQ(vmsplice_to_pipe(*d.w, in_segs, 2, 0).value_or(0), 5u);
    char o1[3] = {}, o2[8] = {};
    IoBuffer out_segs[2] = {IoBuffer::kernel(o1, 3), IoBuffer::kernel(o2, 8)};
    KEXPECT_EQ(vmsplice_from_pipe(*d.r, out_segs, 2, 0).value_or(0), 5u);
    KEXPECT(__builtin_memcmp(o1, "abc", 3) == 0 && __builtin_memcmp(o2, "de", 2) == 0);
}

namespace {
// Opens a FIFO inode the way File::open does: the inode's open() hook picks the ops.
Result<RefPtr<File>> open_fifo(RefPtr<Inode> inode, u32 flags) {
    RefPtr<File> f = TRY(File::open_anonymous(inode, path_only_ops(), flags));
    TRY(inode->open(*f));
    return f;
}

struct FifoOpener {
    RefPtr<Inode> inode;
    Worker w;
    std::atomic<bool> opened{false};
    RefPtr<File> file;
    u32 flags = 0;
};

void fifo_opener(void* arg) {
    auto* o = static_cast<FifoOpener*>(arg);
    auto r = open_fifo(o->inode, o->flags);
    if (r.is_ok()) o->file = r.release_value();
    o->opened = true;
}
}  // namespace

KTEST(pipe_fifo_open, "pipe.fifo_open_rendezvous") {
    RefPtr<Inode> fifo = MUST(pipe_make_inode(S_IFIFO | 0600));
    // Non-blocking: a writer without a reader is ENXIO; a reader opens at once, without POLLHUP
    // until a writer has come.
    KEXPECT_EQ(open_fifo(fifo, O_WRONLY | O_NONBLOCK).error_code(), ENXIO);
    RefPtr<File> r = MUST(open_fifo(fifo, O_RDONLY | O_NONBLOCK));
    KEXPECT(file_is_pipe(*r));
    KEXPECT_EQ(poll_one(*r, POLLIN | POLLHUP, 0), 0u);
    RefPtr<File> w = MUST(open_fifo(fifo, O_WRONLY | O_NONBLOCK));
    KEXPECT_EQ(put(*w, "fifo", 4).value_or(0), 4u);
    w = nullptr;
    KEXPECT_EQ(poll_one(*r, POLLIN | POLLHUP, 0), u32(POLLIN | POLLHUP));
    char buf[8] = {};
    KEXPECT_EQ(get(*r, buf, sizeof(buf)).value_or(0), 4u);
    KEXPECT_EQ(get(*r, buf, sizeof(buf)).value_or(99), 0u);   // EOF: the writer came and went
    r = nullptr;

    // Blocking: a reader's open waits for a writer's.
    auto* o = new (std::nothrow) FifoOpener();
    KASSERT(o);
    o->inode = fifo;
    o->flags = O_RDONLY;
    o->w.start("fifo-rd", fifo_opener, o);
    sleep_ns(30 * kMs);
    KEXPECT(!o->opened.load());
    RefPtr<File> rw = MUST(open_fifo(fifo, O_RDWR));   // never blocks, and wakes the reader
    o->w.join();
    KEXPECT(o->opened.load() && o->file);
    // Both opens share one pipe.
    KEXPECT_EQ(put(*rw, "shared", 6).value_or(0), 6u);
    KEXPECT_EQ(get(*o->file, buf, sizeof(buf)).value_or(0), 6u);
    KEXPECT(__builtin_memcmp(buf, "shared", 6) == 0);

    // A writer's open waits for a reader's.
    rw = nullptr;
    o->file = nullptr;
    auto* ow = new (std::nothrow) FifoOpener();
    KASSERT(ow);
    ow->inode = fifo;
    ow->flags = O_WRONLY;
    ow->w.start("fifo-wr", fifo_opener, ow);
    sleep_ns(30 * kMs);
    KEXPECT(!ow->opened.load());
    RefPtr<File> r2 = MUST(open_fifo(fifo, O_RDONLY | O_NONBLOCK));
    ow->w.join();
    KEXPECT(ow->opened.load() && ow->file);
    delete o;
    delete ow;
}

KTEST(pipe_fifo_lifetime, "pipe.fifo_data_dropped_after_last_close") {
    RefPtr<Inode> fifo = MUST(pipe_make_inode(S_IFIFO | 0600));
    RefPtr<File> rw = MUST(open_fifo(fifo, O_RDWR | O_NONBLOCK));
    KEXPECT_EQ(pipe_fcntl_size(*rw, F_SETPIPE_SZ, 8192).value_or(0), 8192l);
    KEXPECT_EQ(put(*rw, "gone", 4).value_or(0), 4u);
    rw = nullptr;   // last opener: the pipe and its data are freed
    RefPtr<File> again = MUST(open_fifo(fifo, O_RDWR | O_NONBLOCK));
    char buf[8];
    KEXPECT_EQ(get(*again, buf, sizeof(buf)).error_code(), EAGAIN);
    KEXPECT_EQ(pipe_fcntl_size(*again, F_GETPIPE_SZ, 0).value_or(0), long(kPipeDefaultSize));
    // Two FIFOs never share a pipe.
    RefPtr<Inode> other = MUST(pipe_make_inode(S_IFIFO | 0600));
    RefPtr<File> o = MUST(open_fifo(other, O_RDWR | O_NONBLOCK));
    KEXPECT_EQ(put(*again, "x", 1).value_or(0), 1u);
    KEXPECT_EQ(get(*o, buf, sizeof(buf)).error_code(), EAGAIN);
}

KTEST(pipe_no_leak, "pipe.create_destroy_reclaims_memory") {
    // Warm up the one-time allocations (pipefs), then compare the heap.
    { PipePair warm = make_pipe(); }
    HeapStats before = kheap_stats();
    usize pages_before = pmm_free_pages();
    for (int i = 0; i < 200; i++) {
        PipePair p = make_pipe();
        static char page[4096] = {};
        (void)put(*p.w, page, sizeof(page));
        (void)put(*p.w, "tail", 4);
    }
    HeapStats after = kheap_stats();
    KEXPECT_EQ(after.live_allocations, before.live_allocations);
    KEXPECT_EQ(pmm_free_pages(), pages_before);
}
