// SPDX-License-Identifier: MIT
// Leaving a thread group: exit of one thread, exit_group, the last thread turning the process
// into a zombie, execve's de_thread, and the vfork hand-back.
//
// Locking: the process-tree lock (lowest rank) guards the thread list, live_threads, the
// group-exit and exec state, pids and zombie state. Under it this code may wake threads
// (Scheduler) and wait queues (WaitQueue), both of higher rank. Everything that can sleep or
// touch user memory (futex_thread_exit, closing files, dropping the address space) runs with
// no lock held. A Thread object outlives its exit: the scheduler holds a reference until it has
// switched away, and the thread holds its Process until then, so senders and waiters that
// found it under the lock may keep using the pointer after taking a reference.
#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "arch/user_paging.h"
#include "core/fd_table.h"
#include "ipc/sysv_sem.h"
#include "core/log.h"
#include "core/job_control.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "core/ptrace_internal.h"
#include "core/signal.h"
#include "fs/cgroup/cgroup.h"
#include "drivers/tty/tty_hooks.h"
#include "ipc/futex.h"
#include "mm/address_space.h"
#include "syscalls/fs_locks.h"

namespace {

WaitQueue& vfork_queue() {
    static WaitQueue q;
    return q;
}

Process* new_parent_for_locked(Process* p) {
    for (Process* a = p->parent; a; a = a->parent)
        if (a->is_subreaper && !a->exiting) return a;
    return init_process();
}

bool sigchld_ignored(Process* parent) {
    const KSigAction& act = parent->sighand->actions[SIGCHLD - 1];
    return act.handler == 1 /* SIG_IGN */ || (act.flags & SA_NOCLDWAIT);
}

// The last thread is gone: release what a zombie does not keep, hand the children to their new
// parent, and tell ours.
[[noreturn]] void process_exit_last(Process* p, int wait_status) {
    if (p->pid == 1) {
        log_notice("init (pid 1) exited with status %#x; powering off", wait_status);
        arch::power_off();
    }
    itimer_exit(p);
    if (!p->tracees.empty()) ptrace_tracer_exit(p);
    sysv_sem_exit(p->pid);   // SEM_UNDO adjustments (Linux's exit_sem)
    // A session leader's exit hangs up its terminal's foreground group (disassociate_ctty).
    if (p->sid == p->pid && p->controlling_tty) tty_session_leader_exit();
    // Release resources now: a zombie holds no memory, files or directories.
    file_locks_release_process(p, nullptr);
    // A table shared through CLONE_FILES stays open for the other sharers (linux:
    // put_files_struct closes only with the last reference; the destructor does that here).
    p->fds = nullptr;
    file_locks_collect();
    p->fs = nullptr;
    // Leaving its namespaces may destroy the last one's System V objects (Linux's
    // exit_task_namespaces); /proc readers take them under the tree lock.
    Namespaces ns;
    {
        SpinlockGuard g(g_process_tree_lock);
        ns = p->ns;
        p->ns = Namespaces{};
    }
    ns = Namespaces{};
    // Order matters with preemption: first take the address space out of the process (a switch
    // back to this thread then loads the kernel's page tables), then leave its page tables, and
    // only then drop it. The other order lets a preemption reload a root that is about to be freed.
    process_sample_maxrss(p);
    RefPtr<AddressSpace> mm = move_ref(p->mm);
    arch::switch_page_table(0);
    mm = nullptr;
    RefPtr<Process> parent_ref;
    int exit_signal;
    bool autoreap = false;
    {
        SpinlockGuard g(g_process_tree_lock);
        // Orphans go to the nearest subreaper or init; zombies among them are reported there.
        Process* heir = new_parent_for_locked(p);
        while (Process* c = p->children.pop_front()) {
            c->parent = heir;
            heir->children.push_back(*c);
            if (c->pdeath_signal) signal_send_process_locked(c, c->pdeath_signal, nullptr);
            orphaned_pgrp_check_locked(c, p, nullptr);
        }
        orphaned_pgrp_check_locked(p, p->parent, p);
        if (heir) heir->child_events.wake_all();
        p->exit_code = wait_status;
        p->zombie = true;
        ptrace_process_zombie_locked(p);
        p->exit_wait.wake_all(POLLIN);   // linux: do_notify_pidfd()
        exit_signal = p->exit_signal;
        if (p->parent) {
            parent_ref = RefPtr<Process>(p->parent);
            if (exit_signal == SIGCHLD && sigchld_ignored(p->parent)) autoreap = true;
        }
        if (autoreap) process_reap_locked(p);
    }
    if (parent_ref) {
        // Linux still signals a parent that asked for SA_NOCLDWAIT; with SIG_IGN the signal is
        // dropped when it is generated anyway.
        if (exit_signal > 0) {
            KSigInfo info{};
            info.si_signo = exit_signal;
            info.si_code = (wait_status & 0x7f) == 0 ? 1 : (wait_status & 0x80) ? 3 : 2;   // CLD_EXITED/KILLED/DUMPED
            info.chld.pid = p->pid;
            info.chld.uid = p->creds.uid;
            info.chld.status = (wait_status & 0x7f) ? (wait_status & 0x7f) : ((wait_status >> 8) & 0xff);
            signal_send_process(parent_ref.ptr(), exit_signal, &info);
        }
        parent_ref->child_events.wake_all();
    }
    if (autoreap && p->deref()) process_free(p);   // the table's reference (the thread still holds one)
    parent_ref = nullptr;
    thread_exit();
}

}  // namespace

void thread_vfork_wait(Thread* child) {
    vfork_queue().wait_until([&] { return !child->vfork_pending.load(std::memory_order_acquire); });
}

void thread_vfork_done(Thread* child) {
    if (!child->vfork_pending.exchange(false, std::memory_order_acq_rel)) return;
    vfork_queue().wake_all();
}

void thread_do_exit(int wait_status, bool whole_group) {
    Thread* self = current_thread();
    Process* p = self->process;
    VERIFY(p);
    if (whole_group) {
        SpinlockGuard g(g_process_tree_lock);
        if (p->group_exiting) {
            wait_status = p->group_exit_code;
        } else if (p->exec_thread) {
            wait_status = 0;   // killed by another thread's execve: nothing is reported
        } else {
            p->group_exiting = true;
            p->group_exit_code = wait_status;
            signal_zap_threads_locked(p, self);
        }
    }
    // linux: do_exit()'s PTRACE_EVENT_EXIT, with the registers still there to look at.
    if (unlikely(self->traced())) ptrace_exit_event(wait_status);
    // Linux's mm_release: robust futexes and clear_child_tid (pthread_join wakes), then the vfork
    // parent, all while our address space is still attached.
    futex_thread_exit(self);
    thread_vfork_done(self);
    bool last;
    {
        SpinlockGuard g(g_process_tree_lock);
        p->threads.remove(*self);
        self->exiting = true;
        last = --p->live_threads == 0;
        cgroup_thread_exit_locked(*p, last);
        // Without a group exit the last thread's own code is the status (Linux reports it,
        // not the leader's).
        if (last && p->group_exiting) wait_status = p->group_exit_code;
        // The leader keeps the pid (and the process its identity) until the group ends.
        if (!last && self->tid == p->pid) p->leader_exited = true;
        if (self->tid != p->pid) pid_free_locked(self->tid);
        if (!last) signal_retarget_locked(p, ~SigSet(0));
        if (p->exec_thread && p->live_threads == 1) p->group_exit_wait.wake_all();
        p->exiting = last;
        if (unlikely(self->traced())) ptrace_thread_exited_locked(self, wait_status);
    }
    cgroup_notify_events();   // the group's end may leave its cgroup unpopulated
    if (!last) thread_exit();
    process_exit_last(p, wait_status);
}

Result<void> thread_group_exec_prepare() {
    Thread* self = current_thread();
    Process* p = self->process;
    {
        SpinlockGuard g(g_process_tree_lock);
        if (p->group_exiting || p->exec_thread) return Error(EAGAIN);
        if (p->live_threads > 1) {
            p->exec_thread = self;
            signal_zap_threads_locked(p, self);
        }
    }
    p->group_exit_wait.wait_until([&] {
        SpinlockGuard g(g_process_tree_lock);
        return p->live_threads == 1 || (self->pending.set & sig_bit(SIGKILL));
    });
    SpinlockGuard g(g_process_tree_lock);
    if (p->exec_thread == self) p->exec_thread = nullptr;
    if (self->pending.set & sig_bit(SIGKILL)) return Error(EAGAIN);
    if (self->tid != p->pid) {
        // The exec'ing thread becomes the leader: it takes the pid, its own tid is released.
        pid_free_locked(self->tid);
        self->tid = p->pid;
        p->leader_exited = false;
    }
    return {};
}
