// SPDX-License-Identifier: MIT
// signalfd and signalfd4 (man 2 signalfd): a descriptor that reads the caller's pending
// signals from a mask as struct signalfd_siginfo records, taking them off the pending set, and
// that polls readable while one is pending (linux: fs/signalfd.c). It reads whichever thread
// calls it: the descriptor itself holds only the mask.
#include <atomic>

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "fs/anon/anon_inode.h"
#include "ipc/fd_events.h"
#include "ipc/signalfd.h"
#include "lib/format.h"
#include "syscalls/handlers.h"

#include <linux/signalfd.h>

static_assert(sizeof(signalfd_siginfo) == 128);
static_assert(offsetof(signalfd_siginfo, ssi_ptr) == 48);
static_assert(offsetof(signalfd_siginfo, ssi_addr_lsb) == 80);
static_assert(offsetof(signalfd_siginfo, ssi_arch) == 96);

namespace {


struct SignalFd {
    std::atomic<SigSet> mask;
};

WaitQueue& signalfd_queue() {
    static WaitQueue q;
    return q;
}

SignalFd* signalfd_of(const File& f) { return static_cast<SignalFd*>(f.private_data); }

enum class Layout { Kill, Timer, Poll, Fault, Chld, Rt, Sys };

// linux: siginfo_layout(): which union member a (signal, si_code) pair carries.
Layout layout_of(int sig, int code) {
    if (code > SI_USER && code < SI_KERNEL) {
        struct { int sig, limit; Layout layout; } const filter[] = {
            {SIGILL, NSIGILL, Layout::Fault}, {SIGFPE, NSIGFPE, Layout::Fault}, {SIGSEGV, NSIGSEGV, Layout::Fault},
            {SIGBUS, NSIGBUS, Layout::Fault}, {SIGTRAP, NSIGTRAP, Layout::Fault}, {SIGCHLD, NSIGCHLD, Layout::Chld},
            {SIGPOLL, NSIGPOLL, Layout::Poll}, {SIGSYS, NSIGSYS, Layout::Sys}};
        for (const auto& f : filter)
            if (f.sig == sig) return code <= f.limit ? f.layout : Layout::Kill;
        return code <= NSIGPOLL ? Layout::Poll : Layout::Kill;
    }
    if (code == SI_TIMER) return Layout::Timer;
    if (code == SI_SIGIO) return Layout::Poll;
    return code < 0 ? Layout::Rt : Layout::Kill;
}

// linux: signalfd_copyinfo().
signalfd_siginfo to_record(const KSigInfo& in) {
    signalfd_siginfo r{};
    r.ssi_signo = static_cast<u32>(in.si_signo);
    r.ssi_errno = in.si_errno;
    r.ssi_code = in.si_code;
    switch (layout_of(in.si_signo, in.si_code)) {
    case Layout::Kill:
        r.ssi_pid = static_cast<u32>(in.kill.pid);
        r.ssi_uid = in.kill.uid;
        break;
    case Layout::Timer:
        r.ssi_tid = static_cast<u32>(in.timer.tid);
        r.ssi_overrun = static_cast<u32>(in.timer.overrun);
        r.ssi_ptr = in.timer.value;
        r.ssi_int = static_cast<i32>(in.timer.value);
        break;
    case Layout::Poll:
        r.ssi_band = static_cast<u32>(in.poll.band);
        r.ssi_fd = in.poll.fd;
        break;
    case Layout::Fault:
        r.ssi_addr = in.fault.addr;
        break;
    case Layout::Chld:
        r.ssi_pid = static_cast<u32>(in.chld.pid);
        r.ssi_uid = in.chld.uid;
        r.ssi_status = in.chld.status;
        r.ssi_utime = static_cast<u64>(in.chld.utime);
        r.ssi_stime = static_cast<u64>(in.chld.stime);
        break;
    case Layout::Rt:
        r.ssi_pid = static_cast<u32>(in.rt.pid);
        r.ssi_uid = in.rt.uid;
        r.ssi_ptr = in.rt.value;
        r.ssi_int = static_cast<i32>(in.rt.value);
        break;
    case Layout::Sys: {
        // _sigsys: call_addr (8 bytes), syscall (int), arch (unsigned).
        u64 call_addr;
        i32 syscall;
        u32 arch;
        __builtin_memcpy(&call_addr, in.raw, 8);
        __builtin_memcpy(&syscall, in.raw + 8, 4);
        __builtin_memcpy(&arch, in.raw + 12, 4);
        r.ssi_call_addr = call_addr;
        r.ssi_syscall = syscall;
        r.ssi_arch = arch;
        break;
    }
    }
    return r;
}

bool take(SigSet mask, KSigInfo& out) {
    SpinlockGuard g(g_process_tree_lock);
    return signal_dequeue_locked(current_thread(), mask, out);
}

class SignalFdOps final : public FileOps {
public:
    constexpr SignalFdOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        usize count = buf.size() / sizeof(signalfd_siginfo);
        if (!count) return Error(EINVAL);
        SignalFd& sfd = *signalfd_of(f);
        bool nonblock = f.flags() & O_NONBLOCK;
        usize done = 0;
        while (done < count) {
            KSigInfo info;
            SigSet mask = sfd.mask.load(std::memory_order_relaxed);
            if (!take(mask, info)) {
                if (done) break;
                if (nonblock) return Error(EAGAIN);
                auto r = signalfd_queue().wait_interruptible([&] { return take(sfd.mask.load(std::memory_order_relaxed), info); });
                if (r.is_error()) return Error(kErestartSys);
            }
            signalfd_siginfo rec = to_record(info);
            // linux: a record that cannot be copied out is lost (the signal was dequeued).
            auto copied = buf.write_at(done * sizeof(rec), &rec, sizeof(rec));
            if (copied.is_error()) {
                if (done) break;
                return copied.error();
            }
            done++;
            nonblock = true;   // only the first record is waited for
        }
        return done * sizeof(signalfd_siginfo);
    }
    u32 poll(File& f) override {
        SigSet mask = signalfd_of(f)->mask.load(std::memory_order_relaxed);
        Thread* t = current_thread();
        SpinlockGuard g(g_process_tree_lock);
        SigSet pending = t->pending.set | t->process->shared_pending.set;
        return (pending & mask) ? POLLIN | POLLRDNORM : 0;
    }
    WaitQueue* wait_queue(File&) override { return &signalfd_queue(); }
    usize fdinfo(File& f, char* buf, usize cap) override {
        // linux: render_sigset_t(): the set in hex, highest signals first.
        unsigned long long mask = signalfd_of(f)->mask.load(std::memory_order_relaxed);
        usize n = format(buf, cap, "sigmask:\t%016llx\n", mask);
        return min(n, cap - 1);
    }
    void release(File& f) override {
        delete signalfd_of(f);
        f.private_data = nullptr;
    }
};

constinit SignalFdOps g_signalfd_ops;

}  // namespace

void signalfd_notify() { signalfd_queue().wake_all(); }

SyscallResult sys_signalfd4(int fd, UserPtr<const u64> user_mask, usize sizemask, Flags flags) {
    if (sizemask != sizeof(SigSet)) return Error(EINVAL);
    SigSet mask = TRY(copy_from_user(user_mask));
    if (flags.value & ~u64(SFD_CLOEXEC | SFD_NONBLOCK)) return Error(EINVAL);
    mask &= ~kUnblockable;
    if (fd == -1) {
        auto* sfd = new (std::nothrow) SignalFd{{mask}};
        if (!sfd) return Error(ENOMEM);
        auto file = anon_inode_file("signalfd", g_signalfd_ops, sfd, O_RDWR | (flags.value & O_NONBLOCK));
        if (file.is_error()) {
            delete sfd;
            return file.error();
        }
        return fd_install_new(file.release_value(), flags.value & SFD_CLOEXEC);
    }
    RefPtr<File> f = TRY(current_process()->fds->get(fd));
    if (&f->ops() != &g_signalfd_ops) return Error(EINVAL);
    signalfd_of(*f)->mask.store(mask, std::memory_order_relaxed);
    signalfd_notify();   // pollers re-evaluate against the new mask
    return fd;
}

SyscallResult sys_signalfd(int fd, UserPtr<const u64> user_mask, usize sizemask) {
    return sys_signalfd4(fd, user_mask, sizemask, Flags{0});
}
