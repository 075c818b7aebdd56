// SPDX-License-Identifier: MIT
// Sockets as open files (linux: net/socket.c): the internal "sockfs" their inodes live on
// (fstat shows S_IFSOCK, /proc/<pid>/fd shows "socket:[ino]"), and the FileOps through which
// read/write, readv/writev, poll/select/epoll, ioctl and close reach the socket.
#include "net/socket_file.h"

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "fs/vfs/inode.h"
#include "net/inet/netdev.h"

namespace {

Socket* sock_of(const File& f) { return static_cast<Socket*>(f.private_data); }

class SocketFileOps final : public FileOps {
public:
    constexpr SocketFileOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        if (!buf.size()) return usize(0);   // linux: sock_read_iter()
        return sock_of(f)->read(buf, f.flags() & O_NONBLOCK);
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        return sock_of(f)->write(buf, f.flags() & O_NONBLOCK);
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        // linux: sock_ioctl() hands the interface requests to dev_ioctl() for every family.
        if (netdev_ioctl_cmd(cmd)) return netdev_ioctl(cmd, arg);
        return sock_of(f)->ioctl(cmd, arg);
    }
    u32 poll(File& f) override { return sock_of(f)->poll(); }
    WaitQueue* wait_queue(File& f) override { return &sock_of(f)->wait_queue(); }
    void release(File& f) override {
        Socket* s = sock_of(f);
        if (!s) return;
        f.private_data = nullptr;
        s->file_closed();
        RefPtr<Socket>::adopt(s);   // the file's reference
    }
};

constinit SocketFileOps g_socket_ops;

class SockFs final : public SuperBlock {
public:
    SockFs() : SuperBlock("sockfs", alloc_anon_dev()) {}
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = SOCKFS_MAGIC;
    }
};

class SocketInode final : public Inode {
public:
    SocketInode(SuperBlock& sb, u64 ino) : Inode(sb, ino, S_IFSOCK | 0777) {}
    void init(const Credentials& creds) { init_new_inode(creds, nullptr); }
};

constinit std::atomic<SockFs*> g_sockfs{nullptr};
constinit std::atomic<u64> g_next_ino{1};

Result<SockFs*> sockfs() {
    if (SockFs* fs = g_sockfs.load(std::memory_order_acquire)) return fs;
    auto* fresh = new (std::nothrow) SockFs();
    if (!fresh) return Error(ENOMEM);
    SockFs* expected = nullptr;
    if (!g_sockfs.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) {
        fresh->deref();
        delete fresh;
        return expected;
    }
    return fresh;   // the global keeps the initial reference for ever
}

}  // namespace

Socket* socket_of(const File& file) {
    if (&file.ops() != &g_socket_ops) return nullptr;
    return sock_of(file);
}

Result<RefPtr<File>> socket_file_create(RefPtr<Socket> sock, bool nonblock) {
    SockFs* fs = TRY(sockfs());
    auto* ino = new (std::nothrow) SocketInode(*fs, g_next_ino.fetch_add(1, std::memory_order_relaxed));
    if (!ino) return Error(ENOMEM);
    sock->m_ino = ino->ino();
    auto inode = RefPtr<SocketInode>::adopt(ino);
    Process* p = current_process();
    ino->init(p ? p->creds : Credentials{});
    RefPtr<File> f = TRY(File::open_anonymous(RefPtr<Inode>(move_ref(inode)), path_only_ops(),
                                              O_RDWR | (nonblock ? O_NONBLOCK : 0)));
    f->private_data = sock.leak();
    f->set_ops(g_socket_ops);
    return f;
}
