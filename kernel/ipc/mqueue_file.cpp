// SPDX-License-Identifier: MIT
// The open file of a POSIX message queue (linux: mqueue_file_operations). read(2) gives the
// queue's status line at the file offset; poll reports POLLIN while messages are queued and
// POLLOUT while there is room, whatever the access mode; write(2) is EINVAL as on Linux (no
// write method). The File holds a reference on its queue, so an unlinked queue lives on while open.
#include "ipc/mqueue.h"

#include "core/fd_table.h"
#include "lib/format.h"

namespace {

class MqueueOps final : public FileOps {
public:
    constexpr MqueueOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64& offset) override {
        MqQueue& q = *mqueue_of(f);
        char line[80];
        usize len;
        {
            MutexGuard g(q.lock);
            RefPtr<Process> owner = mqueue_notify_owner_locked(q);
            int kind = owner ? q.notify_kind : 0;
            int signo = owner && q.notify_kind == SIGEV_SIGNAL ? q.notify_signo : 0;
            len = format(line, sizeof(line), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
                         static_cast<unsigned long>(q.qsize), kind, signo, owner ? owner->pid : 0);
        }
        len = min(len, sizeof(line) - 1);
        if (offset >= len) return 0;
        usize n = min(buf.size(), static_cast<usize>(len - offset));
        TRY(buf.write_at(0, line + offset, n));
        offset += n;
        return n;
    }
    bool positional() const override { return true; }   // pread works, as on Linux
    Result<u64> lseek(File&, u64 current, i64 offset, int whence) override {
        return generic_llseek(current, offset, whence, 0);   // linux: default_llseek()
    }
    u32 poll(File& f) override {
        MqQueue& q = *mqueue_of(f);
        long cur = q.curmsgs.load(std::memory_order_acquire);
        u32 ev = 0;
        if (cur) ev |= POLLIN | POLLRDNORM;
        if (cur < q.maxmsg) ev |= POLLOUT | POLLWRNORM;
        return ev;
    }
    WaitQueue* wait_queue(File& f) override { return &mqueue_of(f)->poll_wq; }
    void release(File& f) override {
        RefPtr<MqQueue>::adopt(mqueue_of(f));
        f.private_data = nullptr;
    }
};

constinit MqueueOps g_mqueue_ops;

}  // namespace

FileOps& mqueue_file_ops() { return g_mqueue_ops; }

MqQueue* mqueue_of(const File& f) {
    return &f.ops() == &g_mqueue_ops ? static_cast<MqQueue*>(f.private_data) : nullptr;
}

Result<RefPtr<File>> mqueue_file_create(MqQueue& q, u32 flags) {
    // linux: the queue's inode on the internal mqueue mount, so fstat shows its mode and owner.
    RefPtr<Inode> inode = TRY(mqueue_inode(q));
    RefPtr<File> f = TRY(File::open_anonymous(std::move(inode), g_mqueue_ops, flags));
    f->private_data = RefPtr<MqQueue>(&q).leak();   // the File's reference (release() drops it)
    return f;
}

Result<RefPtr<File>> mqueue_fd(int fd) {
    RefPtr<File> f = TRY(current_process()->fds->get(fd));
    if (!mqueue_of(*f)) return Error(EBADF);
    return f;
}

void mqueue_closed(File& f, Process* p) {
    MqQueue* q = mqueue_of(f);
    if (!q) return;
    MutexGuard g(q->lock);
    if (q->notify_proc == p && q->notify_pid == p->pid) q->notify_pid = 0;
}
