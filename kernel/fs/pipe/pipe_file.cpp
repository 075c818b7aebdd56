// SPDX-License-Identifier: MIT
// Pipe ends as open files: the FileOps of a pipe or FIFO end (read, write, FIONREAD, poll,
// release), the internal "pipefs" that anonymous pipes' inodes live on, pipe_create(), and the
// fcntl(F_GETPIPE_SZ/F_SETPIPE_SZ) entry points (linux: fs/pipe.c).
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "fs/pipe/pipe.h"
#include "fs/pipe/pipe_internal.h"
#include "fs/vfs/inode.h"

namespace {

// What one open pipe end keeps: its pipe, which ends it counts as, and the FIFO POLLHUP state.
struct PipeEnd {
    RefPtr<Pipe> pipe;
    u32 w_seen = 0;
    bool rd = false;
    bool wr = false;
    bool fifo = false;
};

PipeEnd* end_of(const File& f) { return static_cast<PipeEnd*>(f.private_data); }

class PipeFileOps final : public FileOps {
public:
    constexpr PipeFileOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        usize n = TRY(end_of(f)->pipe->read(buf, f.flags() & O_NONBLOCK));
        if (n) f.inode().set_atime(realtime_now());   // linux: file_accessed()
        return n;
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        // linux: is_packetized(): O_DIRECT on the writing file makes each write one packet.
        usize n = TRY(end_of(f)->pipe->write(buf, f.flags() & O_NONBLOCK, f.flags() & O_DIRECT));
        if (n) f.inode().touch_mtime_ctime();   // linux: file_update_time()
        return n;
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        // linux: pipe_ioctl(): FIONREAD only (watch queues are not supported).
        if (cmd != FIONREAD) return Error(ENOTTY);
        int count = static_cast<int>(end_of(f)->pipe->bytes_queued());
        TRY(copy_to_user(UserPtr<int>(arg), count));
        return 0;
    }
    u32 poll(File& f) override {
        PipeEnd* e = end_of(f);
        return e->pipe->poll(e->rd, e->wr, e->w_seen);
    }
    WaitQueue* wait_queue(File& f) override { return &end_of(f)->pipe->wait_queue(); }
    void release(File& f) override {
        PipeEnd* e = end_of(f);
        if (!e) return;
        f.private_data = nullptr;
        e->pipe->drop_ends(e->rd, e->wr);
        if (e->fifo) fifo_release(*e->pipe);
        delete e;
    }
};

constinit PipeFileOps g_pipe_ops;

// The internal file system anonymous pipes live on (fstat shows its device; fstatfs its magic).
class PipeFs final : public SuperBlock {
public:
    PipeFs() : SuperBlock("pipefs", alloc_anon_dev()) {}
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = PIPEFS_MAGIC;
    }
};

constinit std::atomic<PipeFs*> g_pipefs{nullptr};
constinit std::atomic<u64> g_next_ino{1};

Result<PipeFs*> pipefs() {
    if (PipeFs* fs = g_pipefs.load(std::memory_order_acquire)) return fs;
    auto* fresh = new (std::nothrow) PipeFs();
    if (!fresh) return Error(ENOMEM);
    PipeFs* expected = nullptr;
    if (!g_pipefs.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) {
        fresh->deref();
        delete fresh;
        return expected;
    }
    return fresh;   // the global keeps the initial reference for ever
}

// An anonymous pipe's inode. It owns its pipe, so reopening it (later: /proc/<pid>/fd/<n>)
// attaches to the same pipe without the FIFO rendezvous, as Linux's fifo_open for is_pipe.
class PipeInode final : public Inode {
public:
    PipeInode(SuperBlock& sb, u64 ino, u32 mode) : Inode(sb, ino, mode) {}
    void init(const Credentials& creds) { init_new_inode(creds, nullptr); }
    Result<void> open(File& file) override {
        if (!pipe) return fifo_open(file);   // a test FIFO inode without a file system
        return pipe_attach_file(file, pipe, 0, false);
    }
    RefPtr<Pipe> pipe;
};

Result<RefPtr<PipeInode>> make_pipe_inode(u32 mode) {
    PipeFs* fs = TRY(pipefs());
    auto* ino = new (std::nothrow) PipeInode(*fs, g_next_ino.fetch_add(1, std::memory_order_relaxed), mode);
    if (!ino) return Error(ENOMEM);
    auto ref = RefPtr<PipeInode>::adopt(ino);
    Process* p = current_process();
    ino->init(p ? p->creds : Credentials{});
    return ref;
}

}  // namespace

// --- pipe ends ----------------------------------------------------------------------------------

Pipe* pipe_of(const File& file) {
    if (&file.ops() != &g_pipe_ops || !file.private_data) return nullptr;
    return end_of(file)->pipe.ptr();
}

bool file_is_pipe(const File& file) { return pipe_of(file) != nullptr; }

Result<void> pipe_attach_file(File& file, RefPtr<Pipe> pipe, u32 w_seen, bool fifo) {
    auto* e = new (std::nothrow) PipeEnd();
    if (!e) return Error(ENOMEM);
    e->rd = file.readable();
    e->wr = file.writable();
    e->w_seen = w_seen;
    e->fifo = fifo;
    if (!fifo) pipe->add_ends(e->rd, e->wr);   // fifo_open counted (and waited) already
    e->pipe = std::move(pipe);
    file.private_data = e;
    file.set_ops(g_pipe_ops);
    return {};
}

void pipe_detach_file(File& file) {
    PipeEnd* e = end_of(file);
    if (!e) return;
    file.private_data = nullptr;
    file.set_ops(path_only_ops());
    delete e;
}

Result<RefPtr<Inode>> pipe_make_inode(u32 mode) {
    RefPtr<PipeInode> ino = TRY(make_pipe_inode(mode));
    return RefPtr<Inode>(move_ref(ino));
}

Result<void> pipe_create(RefPtr<File>& read_end, RefPtr<File>& write_end, u32 flags) {
    if (flags & ~u32(O_NONBLOCK | O_DIRECT)) return Error(EINVAL);
    RefPtr<Pipe> pipe = TRY(Pipe::create());
    RefPtr<PipeInode> inode = TRY(make_pipe_inode(S_IFIFO | 0600));
    inode->pipe = pipe;
    // linux: create_pipe_files(): only the write end carries O_DIRECT.
    RefPtr<File> r = TRY(File::open_anonymous(inode, path_only_ops(), O_RDONLY | (flags & O_NONBLOCK)));
    TRY(pipe_attach_file(*r, pipe, 0, false));
    RefPtr<File> w = TRY(File::open_anonymous(inode, path_only_ops(), O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT))));
    TRY(pipe_attach_file(*w, pipe, 0, false));
    read_end = move_ref(r);
    write_end = move_ref(w);
    return {};
}

Result<long> pipe_fcntl_size(File& file, int cmd, unsigned long arg) {
    Pipe* pipe = pipe_of(file);
    if (!pipe) return Error(EBADF);
    switch (cmd) {
    case F_GETPIPE_SZ:
        return static_cast<long>(pipe->size_bytes());
    case F_SETPIPE_SZ:
        // linux: do_fcntl() passes the argument as an unsigned int.
        return pipe->set_size(static_cast<u32>(arg), capable(CAP_SYS_RESOURCE));
    default:
        return Error(EINVAL);
    }
}

Result<long> pipe_fcntl(File& f, unsigned cmd, u64 arg) {
    return pipe_fcntl_size(f, static_cast<int>(cmd), arg);
}
