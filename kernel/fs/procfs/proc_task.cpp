// SPDX-License-Identifier: MIT
#include "fs/procfs/proc_task.h"

#include "abi/linux/uapi.h"
#include "core/cpu_clock.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "drivers/tty/tty.h"
#include "fs/vfs/vfs.h"
#include "syscalls/seccomp.h"

namespace {

// Tree lock held. The thread tid of p, or its leader when tid is 0 (null once the leader has
// exited: /proc/<pid> then shows a zombie, as Linux's lingering leader task).
Thread* pick_thread_locked(Process& p, int tid) {
    if (!tid) tid = p.pid;
    for (Thread& t : p.threads)
        if (t.tid == tid) return &t;
    return nullptr;
}

// The leader's tid stays listed under task/ until the whole group is gone.
bool zombie_leader_locked(Process& p, int tid) { return tid == p.pid && p.leader_exited && !p.zombie; }

char state_letter_locked(Process& p, Thread* t) {
    if (p.zombie) return 'Z';
    if (t && t->ptrace && t->ptrace->stopped) return 't';
    if (p.stopped) return 'T';
    if (!t) return 'Z';
    switch (t->state()) {
    case ThreadState::Runnable:
    case ThreadState::Running:
        return 'R';
    case ThreadState::Blocked:
    case ThreadState::Sleeping:
        return 'S';
    case ThreadState::Dead:
        return 'X';
    }
    return 'R';
}

// Keeps the `max` smallest ids >= from in out[0..n), sorted.
void insert_sorted(int* out, usize& n, usize max, int id, int from) {
    if (id < from || max == 0) return;
    if (n == max && id >= out[max - 1]) return;
    if (n < max) n++;
    usize i = n - 1;
    for (; i > 0 && out[i - 1] > id; i--) out[i] = out[i - 1];
    out[i] = id;
}

}  // namespace

Result<void> task_snapshot(int pid, int tid, unsigned want, TaskInfo& out) {
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(pid);
    if (!p) return Error(ESRCH);
    Thread* t = pick_thread_locked(*p, tid);
    if (tid && !t && !zombie_leader_locked(*p, tid)) return Error(ESRCH);
    out.pid = p->pid;
    out.tid = t ? t->tid : p->pid;
    out.ppid = p->parent ? p->parent->pid : 0;
    out.pgid = p->pgid;
    out.sid = p->sid;
    if (Tty* tty = p->controlling_tty) {
        // linux: tty_nr is new_encode_dev() of the terminal's device.
        out.tty_nr = static_cast<int>(dev_encode(tty->device()));
        out.tpgid = tty->foreground_pgrp();
        if (!out.tpgid) out.tpgid = -1;
    }
    __builtin_memcpy(out.comm, p->comm, sizeof(out.comm));
    out.comm[sizeof(out.comm) - 1] = '\0';
    out.state = state_letter_locked(*p, t);
    out.tracer_pid = t ? ptrace_tracer_pid_locked(t) : 0;
    out.exiting = p->exiting;
    out.did_exec = p->did_exec;
    out.creds = p->creds;
    out.threads = p->live_threads;
    out.shared_pending = p->shared_pending.set;
    out.queued_signals = p->shared_pending.queue.size();
    if (t) {
        out.pending = t->pending.set;
        out.blocked = t->sigmask;
        out.no_new_privs = t->no_new_privs;
        out.seccomp_mode = t->seccomp_mode;
        out.seccomp_filters = seccomp_filter_count(t);
        out.queued_signals += t->pending.queue.size();
    }
    if (p->sighand) {
        for (int s = 1; s <= kNumSignals; s++) {
            u64 h = p->sighand->actions[s - 1].handler;
            if (h == 1) out.ignored |= sig_bit(s);          // SIG_IGN
            else if (h > 1) out.caught |= sig_bit(s);       // a handler
        }
    }
    out.utime_ns = p->utime_ns;
    out.stime_ns = p->stime_ns;
    if (tid && t) {
        // task/<tid>/stat: that thread's own times.
        ThreadTimes tt = thread_cpu_times(t);
        out.utime_ns = tt.user_ns;
        out.stime_ns = tt.system_ns;
    }
    out.cutime_ns = p->cutime_ns;
    out.cstime_ns = p->cstime_ns;
    out.start_time_ns = p->start_time_ns;
    out.minflt = p->minflt;
    out.majflt = p->majflt;
    out.exit_signal = p->exit_signal;
    out.exit_code = p->zombie ? p->exit_code : 0;
    __builtin_memcpy(out.rlimits, p->rlimits, sizeof(out.rlimits));
    out.arg_start = p->arg_start;
    out.arg_end = p->arg_end;
    out.env_start = p->env_start;
    out.env_end = p->env_end;
    __builtin_memcpy(out.exe_path, p->exe_path, sizeof(out.exe_path));
    out.exe_path[sizeof(out.exe_path) - 1] = '\0';
    // An exiting process drops these without the tree lock (thread_do_exit): do not touch them
    // once it has started.
    if (!p->exiting && !p->zombie) {
        if (p->fs) {
            out.has_fs = true;
            out.umask = p->fs->umask;
        }
        if (want & kTaskMm) out.mm = p->mm;
        if (want & kTaskFds) out.fds = p->fds;
        if (want & kTaskFs) out.fs = p->fs;
    }
    return {};
}

Result<void> task_owner(int pid, int tid, u32 mode, u32& uid, u32& gid) {
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(pid);
    if (!p || (tid && !pick_thread_locked(*p, tid) && !zombie_leader_locked(*p, tid))) return Error(ENOENT);
    uid = p->creds.euid;
    gid = p->creds.egid;
    bool dumpable = p->dumpable.load(std::memory_order_relaxed) == 1;
    if (mode != (S_IFDIR | 0555) && (p->zombie || p->exiting || !dumpable)) uid = gid = 0;
    return {};
}

usize task_thread_ids(int pid, int from, int* out, usize max) {
    usize n = 0;
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(pid);
    if (!p) return 0;
    // Threads join the list in creation order, which is tid order until tids wrap; sort anyway.
    for (Thread& t : p->threads) insert_sorted(out, n, max, t.tid, from);
    if (zombie_leader_locked(*p, p->pid)) insert_sorted(out, n, max, p->pid, from);
    return n;
}

usize task_pids(int from, int* out, usize max) {
    usize n = 0;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) { insert_sorted(out, n, max, p.pid, from); });
    return n;
}

bool may_inspect(const Credentials& viewer, int pid, const Credentials& target) {
    Process* self = current_process();
    if (self && self->pid == pid) return true;   // linux: same_thread_group()
    return ptrace_creds_allow(viewer, target, true);
}

Result<void> check_inspect(int pid, const Credentials& viewer) {
    Credentials target;
    {
        SpinlockGuard g(g_process_tree_lock);
        Process* p = process_find_locked(pid);
        if (!p) return Error(ESRCH);
        target = p->creds;
    }
    if (!may_inspect(viewer, pid, target)) return Error(EACCES);
    return {};
}

Credentials viewer_credentials() {
    if (Process* p = current_process()) return p->creds;
    return kernel_credentials();
}
