// SPDX-License-Identifier: MIT
// fork, vfork, clone, exit, wait and the process-group/session calls.
#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/log.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "ipc/pidfd.h"
#include "syscalls/handlers.h"

// getpid, gettid and getpgrp: syscalls/light.h.

SyscallResult sys_getppid() {
    SpinlockGuard g(g_process_tree_lock);
    Process* p = current_process()->parent;
    return p ? p->pid : 0;
}

SyscallResult sys_exit(int code) { thread_do_exit((code & 0xff) << 8, false); }
SyscallResult sys_exit_group(int code) { thread_do_exit((code & 0xff) << 8, true); }

SyscallResult sys_wait4(int pid, UserPtr<int> status, Flags options, UserPtr<void> rusage) {
    if (options.value & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return Error(EINVAL);
    if (pid == INT32_MIN) return Error(ESRCH);
    WaitResult r = TRY(process_wait(pid, static_cast<int>(options.value) | WEXITED, false));
    if (r.pid && !status.is_null()) TRY(copy_to_user(status, r.status));
    if (!rusage.is_null()) {
        struct rusage ru{};
        if (r.pid) {
            ru.ru_utime.tv_sec = static_cast<long>(r.utime_ns / 1'000'000'000);
            ru.ru_utime.tv_usec = static_cast<long>(r.utime_ns / 1000 % 1'000'000);
            ru.ru_stime.tv_sec = static_cast<long>(r.stime_ns / 1'000'000'000);
            ru.ru_stime.tv_usec = static_cast<long>(r.stime_ns / 1000 % 1'000'000);
            ru.ru_maxrss = static_cast<long>(r.maxrss_kb);
        }
        TRY(copy_to_user(rusage.addr(), &ru, sizeof(ru)));
    }
    return r.pid;
}

SyscallResult sys_waitid(int idtype, int id, UserPtr<void> infop, Flags options, UserPtr<void> rusage) {
    u64 opts = options.value;
    if (opts & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | __WNOTHREAD | __WCLONE | __WALL)) return Error(EINVAL);
    if (!(opts & (WEXITED | WSTOPPED | WCONTINUED))) return Error(EINVAL);
    int spec;
    bool nonblock = false;
    switch (idtype) {
    case P_ALL: spec = -1; break;
    case P_PID: if (id <= 0) return Error(EINVAL); spec = id; break;
    case P_PGID: if (id < 0) return Error(EINVAL); spec = id == 0 ? 0 : -id; break;
    case P_PIDFD: if (id < 0) return Error(EINVAL); spec = TRY(pidfd_target_pid(id, nonblock)); break;
    default: return Error(EINVAL);
    }
    // An O_NONBLOCK pidfd makes the wait WNOHANG, and "nothing yet" an EAGAIN.
    WaitResult r = TRY(process_wait(spec, static_cast<int>(opts | (nonblock ? WNOHANG : 0)), true));
    if (nonblock && !(opts & WNOHANG) && !r.pid) return Error(EAGAIN);
    if (!infop.is_null()) {
        KSigInfo info{};
        if (r.pid) {
            info.si_signo = SIGCHLD;
            info.si_code = r.code;
            info.chld.pid = r.pid;
            info.chld.uid = r.uid;
            info.chld.status = r.child_status;
        }
        TRY(copy_to_user(infop.addr(), &info, sizeof(info)));
    }
    if (!rusage.is_null()) {
        struct rusage ru{};
        TRY(copy_to_user(rusage.addr(), &ru, sizeof(ru)));
    }
    return 0;
}

SyscallResult sys_getpgid(int pid) {
    if (pid < 0) return Error(ESRCH);
    SpinlockGuard g(g_process_tree_lock);
    Process* p = pid ? process_find_locked(pid) : current_process();
    if (!p) return Error(ESRCH);
    return p->pgid;
}


SyscallResult sys_getsid(int pid) {
    if (pid < 0) return Error(ESRCH);
    SpinlockGuard g(g_process_tree_lock);
    Process* p = pid ? process_find_locked(pid) : current_process();
    if (!p) return Error(ESRCH);
    return p->sid;
}

SyscallResult sys_setsid() {
    Process* self = current_process();
    SpinlockGuard g(g_process_tree_lock);
    // EPERM when a process group with our pid already exists (we would lead someone else's).
    bool group_exists = false;
    for_each_process_locked([&](Process& p) {
        if (p.pgid == self->pid) group_exists = true;
    });
    if (group_exists) return Error(EPERM);
    self->sid = self->pid;
    self->pgid = self->pid;
    self->controlling_tty = nullptr;
    return self->sid;
}

SyscallResult sys_setpgid(int pid, int pgid) {
    if (pgid < 0 || pid < 0) return Error(EINVAL);
    Process* self = current_process();
    SpinlockGuard g(g_process_tree_lock);
    Process* p = pid ? process_find_locked(pid) : self;
    if (!p) return Error(ESRCH);
    if (p != self) {
        if (p->parent != self) return Error(ESRCH);
        if (p->sid != self->sid) return Error(EPERM);
        if (p->did_exec) return Error(EACCES);
    }
    if (p->sid == p->pid) return Error(EPERM);   // a session leader cannot move
    int target = pgid ? pgid : p->pid;
    if (target != p->pid) {
        bool ok = false;
        for_each_process_locked([&](Process& q) {
            if (q.pgid == target && q.sid == self->sid) ok = true;
        });
        if (!ok) return Error(EPERM);
    }
    p->pgid = target;
    return 0;
}

SyscallResult sys_sched_yield() {
    thread_yield();
    return 0;
}
