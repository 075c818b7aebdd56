// SPDX-License-Identifier: MIT
// pidfd_open, pidfd_send_signal, pidfd_getfd (man 2 pidfd_open): a descriptor that names one
// process ("anon_inode:[pidfd]", always close-on-exec). It holds the Process, so a recycled pid
// can never be mistaken for it; poll reports POLLIN once the whole thread group has exited.
// linux: kernel/pid.c (pidfd_open, pidfd_getfd), kernel/fork.c (pidfd_fops), kernel/signal.c.
#include "abi/linux/uapi.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "fs/anon/anon_inode.h"
#include "ipc/fd_events.h"
#include "ipc/pidfd.h"
#include "lib/format.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"
#include "syscalls/task_access.h"

namespace {

constexpr int kSiUser = 0, kSiTkill = -6;   // linux: SI_USER, SI_TKILL

Process& process_of(const File& f) { return *static_cast<Process*>(f.private_data); }

// Still in the process table (a zombie counts; a reaped process does not).
bool listed(Process& p) {
    SpinlockGuard g(g_process_tree_lock);
    return process_find_locked(p.pid) == &p;
}

class PidFdOps final : public FileOps {
public:
    constexpr PidFdOps() = default;

    u32 poll(File& f) override {
        Process& p = process_of(f);
        SpinlockGuard g(g_process_tree_lock);
        bool exited = p.zombie || process_find_locked(p.pid) != &p;
        return exited ? (POLLIN | POLLRDNORM) : 0;
    }
    WaitQueue* wait_queue(File& f) override { return &process_of(f).exit_wait; }
    usize fdinfo(File& f, char* buf, usize cap) override {
        Process& p = process_of(f);
        int nr = listed(p) ? p.pid : -1;
        usize n = format(buf, cap, "Pid:\t%d\nNSpid:\t%d\n", nr, nr);
        return min(n, cap - 1);
    }
    void release(File& f) override {
        Process* p = static_cast<Process*>(f.private_data);
        f.private_data = nullptr;
        if (p && p->deref()) process_free(p);
    }
};

constinit PidFdOps g_pidfd_ops;

// linux: pidfd_pid(): EBADF for a descriptor that is not a pidfd.
Result<Process*> pidfd_process(File& f) {
    if (&f.ops() != &g_pidfd_ops) return Error(EBADF);
    return &process_of(f);
}

}  // namespace

Result<int> pidfd_target_pid(int fd, bool& nonblock) {
    RefPtr<File> f = TRY(fd_file(fd));
    Process* p = TRY(pidfd_process(*f));
    nonblock = f->flags() & O_NONBLOCK;
    if (!listed(*p)) return Error(ECHILD);
    return p->pid;
}

Result<TaskRefs> pidfd_task(int fd) {
    RefPtr<File> f = TRY(fd_file(fd));
    Process* p = TRY(pidfd_process(*f));
    return task_refs(*p);
}

SyscallResult sys_pidfd_open(int pid, u32 flags) {
    if (flags & ~u32(O_NONBLOCK)) return Error(EINVAL);   // PIDFD_NONBLOCK
    if (pid <= 0) return Error(EINVAL);
    Process* p;
    {
        SpinlockGuard g(g_process_tree_lock);
        p = process_find_locked(pid);
        if (!p) return Error(thread_find_locked(pid) ? EINVAL : ESRCH);   // a thread, not a group
        p->ref();
    }
    auto file = anon_inode_file("pidfd", g_pidfd_ops, p, O_RDWR | (flags & O_NONBLOCK));
    if (file.is_error()) {
        if (p->deref()) process_free(p);
        return file.error();
    }
    return fd_install_new(file.release_value(), true);
}

SyscallResult sys_pidfd_send_signal(int pidfd, int sig, UserPtr<const void> uinfo, u32 flags) {
    if (flags) return Error(EINVAL);
    RefPtr<File> f = TRY(fd_file(pidfd));
    Process* p = TRY(pidfd_process(*f));
    Process* me = current_process();
    KSigInfo info{};
    if (!uinfo.is_null()) {
        TRY(copy_from_user(&info, uinfo.addr(), sizeof(info)));
        if (info.si_signo != sig) return Error(EINVAL);
        // Only the kernel may claim kernel-generated codes for another process.
        if (p != me && (info.si_code >= 0 || info.si_code == kSiTkill)) return Error(EPERM);
    } else {
        info.si_signo = sig;
        info.si_code = kSiUser;
        info.kill.pid = me->pid;
        info.kill.uid = me->creds.uid;
    }
    if (!listed(*p)) return Error(ESRCH);
    TRY(signal_kill(p->pid, sig, info));
    return 0;
}

SyscallResult sys_pidfd_getfd(int pidfd, int fd, u32 flags) {
    if (flags) return Error(EINVAL);
    RefPtr<File> f = TRY(fd_file(pidfd));
    Process* p = TRY(pidfd_process(*f));
    TaskRefs t = TRY(task_refs(*p));
    if (!task_may_access(*current_process(), *p)) return Error(EPERM);
    // linux: __pidfd_fget(): a process past exit_files() is gone (ESRCH), not out of fds.
    auto stolen = t.fds ? t.fds->get(fd) : Result<RefPtr<File>>(Error(EBADF));
    if (stolen.is_error()) return Error(p->exiting || p->zombie ? ESRCH : EBADF);
    return fd_install_new(stolen.release_value(), true);
}
