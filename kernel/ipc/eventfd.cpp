// SPDX-License-Identifier: MIT
// eventfd and eventfd2 (man 2 eventfd): a 64-bit counter that write(2) adds to and read(2)
// takes (all of it, or one in EFD_SEMAPHORE mode). Readable while the counter is non-zero,
// writable while at least 1 more fits below 0xffffffffffffffff (linux: fs/eventfd.c).
#include <atomic>

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/signal.h"
#include "fs/anon/anon_inode.h"
#include "ipc/eventfd.h"
#include "ipc/fd_events.h"
#include "syscalls/fs_common.h"
#include "lib/format.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/eventfd.h (not in the UAPI headers): EFD_SEMAPHORE is bit 0, the other
// two flags are O_CLOEXEC and O_NONBLOCK.
constexpr u64 kEfdSemaphore = 1;
constexpr u64 kEfdFlags = kEfdSemaphore | O_CLOEXEC | O_NONBLOCK;
constexpr u64 kCountMax = ~0ull;   // ULLONG_MAX: the counter stays below it

struct EventFd {
    std::atomic<u64> count;
    bool semaphore;
    int id;   // linux: an ida number shown in fdinfo
    WaitQueue wq;
};

constinit std::atomic<int> g_next_id{0};

EventFd* eventfd_of(const File& f) { return static_cast<EventFd*>(f.private_data); }

// One read's worth taken from the counter, or false when it is zero.
bool try_take(EventFd& e, u64& got) {
    u64 v = e.count.load(std::memory_order_relaxed);
    while (v) {
        u64 take = e.semaphore ? 1 : v;
        if (e.count.compare_exchange_weak(v, v - take, std::memory_order_acq_rel)) {
            got = take;
            return true;
        }
    }
    return false;
}

// Adds n unless the sum would reach kCountMax.
bool try_add(EventFd& e, u64 n) {
    u64 v = e.count.load(std::memory_order_relaxed);
    while (kCountMax - v > n) {
        if (e.count.compare_exchange_weak(v, v + n, std::memory_order_acq_rel)) return true;
    }
    return false;
}

class EventFdOps final : public FileOps {
public:
    constexpr EventFdOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        if (buf.size() < sizeof(u64)) return Error(EINVAL);
        EventFd& e = *eventfd_of(f);
        u64 got = 0;
        if (!try_take(e, got)) {
            if (f.flags() & O_NONBLOCK) return Error(EAGAIN);
            if (e.wq.wait_interruptible([&] { return try_take(e, got); }).is_error()) return Error(kErestartSys);
        }
        e.wq.wake_all(POLLOUT);   // writers waiting for room
        // linux: the value is consumed even when the copy faults.
        TRY(buf.write_at(0, &got, sizeof(got)));
        return sizeof(u64);
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        if (buf.size() < sizeof(u64)) return Error(EINVAL);
        u64 n;
        TRY(buf.read_at(0, &n, sizeof(n)));
        if (n == kCountMax) return Error(EINVAL);
        EventFd& e = *eventfd_of(f);
        if (!try_add(e, n)) {
            if (f.flags() & O_NONBLOCK) return Error(EAGAIN);
            if (e.wq.wait_interruptible([&] { return try_add(e, n); }).is_error()) return Error(kErestartSys);
        }
        if (n) e.wq.wake_all(POLLIN);
        return sizeof(u64);
    }
    u32 poll(File& f) override {
        // linux: eventfd_poll(): POLLERR when the counter is at its maximum (only reachable
        // through eventfd_signal overflow, never from write).
        u64 v = eventfd_of(f)->count.load(std::memory_order_acquire);
        u32 ev = 0;
        if (v) ev |= POLLIN | POLLRDNORM;
        if (v == kCountMax) ev |= POLLERR;
        if (kCountMax - 1 > v) ev |= POLLOUT | POLLWRNORM;
        return ev;
    }
    WaitQueue* wait_queue(File& f) override { return &eventfd_of(f)->wq; }
    usize fdinfo(File& f, char* buf, usize cap) override {
        EventFd& e = *eventfd_of(f);
        // As the oracle (6.1) shows it; later kernels add "eventfd-semaphore:".
        usize n = format(buf, cap, "eventfd-count: %16llx\neventfd-id: %d\n",
                         static_cast<unsigned long long>(e.count.load(std::memory_order_relaxed)), e.id);
        return min(n, cap - 1);
    }
    void release(File& f) override {
        delete eventfd_of(f);
        f.private_data = nullptr;
    }
};

constinit EventFdOps g_eventfd_ops;

}  // namespace

Result<RefPtr<File>> eventfd_file_get(int fd) {
    RefPtr<File> f = TRY(fd_file(fd));
    if (&f->ops() != &g_eventfd_ops) return Error(EINVAL);
    return f;
}

void eventfd_signal(File& f, u64 n) {
    EventFd& e = *eventfd_of(f);
    u64 v = e.count.load(std::memory_order_relaxed);
    while (!e.count.compare_exchange_weak(v, v + min(n, kCountMax - v), std::memory_order_acq_rel)) {
    }
    e.wq.wake_all(POLLIN);
}

SyscallResult sys_eventfd2(unsigned initval, Flags flags) {
    if (flags.value & ~kEfdFlags) return Error(EINVAL);
    auto* e = new (std::nothrow) EventFd{{initval}, (flags.value & kEfdSemaphore) != 0, g_next_id.fetch_add(1), {}};
    if (!e) return Error(ENOMEM);
    auto file = anon_inode_file("eventfd", g_eventfd_ops, e, O_RDWR | (flags.value & O_NONBLOCK));
    if (file.is_error()) {
        delete e;
        return file.error();
    }
    return fd_install_new(file.release_value(), flags.value & O_CLOEXEC);
}

SyscallResult sys_eventfd(unsigned initval) { return sys_eventfd2(initval, Flags{0}); }
