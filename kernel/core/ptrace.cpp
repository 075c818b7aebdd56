// SPDX-License-Identifier: MIT
// ptrace(2) stops as the tracee lives them (man 2 ptrace, "Stopped states"): signal-delivery,
// group, syscall and PTRACE_EVENT stops, the tracer's notification (SIGCHLD, its wait queue) and
// the resume. A stopped tracee sleeps on its process's stop_wait until the tracer clears
// `stopped` (or SIGKILL comes); the tracer then reads and edits its saved frame and FPU image,
// which nothing else touches meanwhile.
#include "core/ptrace.h"

#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/process_table.h"
#include "core/ptrace_internal.h"
#include "core/signal.h"
#include "syscalls/dispatch.h"

namespace {

std::atomic<int> g_tracee_count{0};

// linux: __fatal_signal_pending(): a SIGKILL not yet taken ends (or prevents) a ptrace-stop.
bool killed_locked(const Thread* t) { return t->pending.set & sig_bit(SIGKILL); }

KSigInfo trap_info(int signo, int code) {
    Thread* t = current_thread();
    KSigInfo info{};
    info.si_signo = signo;
    info.si_code = code;
    info.kill.pid = t->tid;
    info.kill.uid = t->process->creds.uid;
    return info;
}

// Tells the tracer about a stop or an exit of t: SIGCHLD (linux: do_notify_parent_cldstop with
// for_ptracer, or do_notify_parent) and its wait.
void notify_tracer_locked(Thread* t, int si_code, int status) {
    Process* tracer = t->ptrace->tracer;
    const KSigAction& a = tracer->sighand->actions[SIGCHLD - 1];
    bool stop = si_code == CLD_TRAPPED || si_code == CLD_STOPPED;
    if (!stop || !(a.flags & SA_NOCLDSTOP)) {
        KSigInfo info{};
        info.si_signo = SIGCHLD;
        info.si_code = si_code;
        info.chld.pid = t->tid;
        info.chld.uid = t->process->creds.uid;
        info.chld.status = status;
        signal_send_process_locked(tracer, SIGCHLD, &info);
    }
    tracer->child_events.wake_all();
}

// The ptrace-stop itself. Returns the tracer's resume signal, kNotTraced when the thread was
// not traced (any more), kKilled when SIGKILL ended the stop.
constexpr int kNotTraced = -1, kKilled = -2;
int do_stop(PtraceStopKind kind, int code, const KSigInfo* info, u64 msg, KSigInfo* info_out) {
    Thread* t = current_thread();
    Process* p = t->process;
    PtraceState& s = *t->ptrace;
    {
        SpinlockGuard g(g_process_tree_lock);
        if (!s.tracer) return kNotTraced;
        if (killed_locked(t)) return kKilled;
        s.stopped = true;
        s.reported = false;
        s.listening = false;
        s.trap_notify = false;
        s.kind = kind;
        s.code = code;
        s.resume_sig = 0;
        s.has_siginfo = info != nullptr;
        if (info) s.siginfo = *info;
        s.event_msg = msg;
        notify_tracer_locked(t, kind == PtraceStopKind::Group ? CLD_STOPPED : CLD_TRAPPED, code & 0x7f);
    }
    for (;;) {
        p->stop_wait.wait_until([&] {
            SpinlockGuard g(g_process_tree_lock);
            return !s.stopped || (s.listening && s.trap_notify) || killed_locked(t);
        });
        SpinlockGuard g(g_process_tree_lock);
        if (killed_locked(t)) {
            s.stopped = false;
            s.has_siginfo = false;
            s.kind = PtraceStopKind::None;
            return kKilled;
        }
        if (s.stopped) {
            // Listening and the group-stop changed (SIGCONT, PTRACE_INTERRUPT): trap again with
            // PTRACE_EVENT_STOP (linux: do_jobctl_trap).
            int sig = s.group_stop_sig ? s.group_stop_sig : SIGTRAP;
            s.listening = false;
            s.trap_notify = false;
            s.reported = false;
            s.code = sig | (PTRACE_EVENT_STOP << 8);
            s.siginfo = trap_info(sig, s.code);
            s.has_siginfo = true;
            s.event_msg = 0;
            notify_tracer_locked(t, CLD_STOPPED, sig);
            continue;
        }
        if (info_out && s.has_siginfo) *info_out = s.siginfo;
        s.has_siginfo = false;
        s.kind = PtraceStopKind::None;
        return s.resume_sig;
    }
}

// A signal the tracer injected at a syscall stop (linux: ptrace_report_syscall's send_sig).
void inject(int sig) {
    if (sig <= 0) return;
    KSigInfo info{};
    info.si_signo = sig;
    info.si_code = SI_KERNEL;
    signal_send_thread(current_thread(), sig, &info);
}

void report_syscall(PtraceStopKind kind, u64 msg) {
    u32 options;
    {
        SpinlockGuard g(g_process_tree_lock);
        options = current_thread()->ptrace->options;
    }
    int code = SIGTRAP | ((options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
    KSigInfo info = trap_info(SIGTRAP, code);
    inject(do_stop(kind, code, &info, msg, nullptr));
}

}  // namespace

// ---- attachment (core/ptrace_internal.h) ----

bool ptrace_install_locked(Thread* t, PtraceState*& spare) {
    if (!t->ptrace) {
        if (!spare) return false;
        t->ptrace = spare;
        spare = nullptr;
    }
    return true;
}

void ptrace_link_locked(Thread* t, Process* tracer, bool seized, u32 options) {
    t->ref();
    PtraceState& s = *t->ptrace;
    u64 debugreg[8];
    __builtin_memcpy(debugreg, s.debugreg, sizeof(debugreg));
    s = PtraceState{};
    __builtin_memcpy(s.debugreg, debugreg, sizeof(debugreg));
    __atomic_store_n(&s.tracer, tracer, __ATOMIC_RELAXED);
    s.seized = seized;
    s.options = options;
    tracer->tracees.push_back(*t);
    // Light syscalls never reach the dispatcher, so no syscall stop could be taken for them.
    if (g_tracee_count.fetch_add(1, std::memory_order_relaxed) == 0) syscall_light_set_ptrace(true);
}

void ptrace_unlink_locked(Thread* t) {
    PtraceState& s = *t->ptrace;
    s.tracer->tracees.remove(*t);
    __atomic_store_n(&s.tracer, nullptr, __ATOMIC_RELAXED);
    s.stopped = false;
    s.listening = false;
    s.exited = false;
    t->ptrace_work = 0;
    t->ptrace_trap = false;
    if (s.forced_tf && t->user_frame) t->user_frame->rflags &= ~u64(0x100);
    s.forced_tf = false;
    if (t->process) t->process->stop_wait.wake_all();
    if (g_tracee_count.fetch_sub(1, std::memory_order_relaxed) == 1) syscall_light_set_ptrace(false);
}

bool ptrace_request_ready_locked(const Thread* t) {
    const PtraceState& s = *t->ptrace;
    return s.stopped && !s.listening && !s.exited && !killed_locked(t);
}

void ptrace_resume_locked(Thread* t, int sig) {
    t->ptrace->resume_sig = sig;
    t->ptrace->stopped = false;
    t->ptrace->listening = false;
    t->process->stop_wait.wake_all();
}

// ---- the tracee's side ----

bool ptrace_syscall_entry(TrapFrame* f) {
    if (!(current_thread()->ptrace_work & kPtraceWorkSyscall)) return true;
    f->rax = static_cast<u64>(-ENOSYS);   // what the tracer sees in rax at the entry stop
    report_syscall(PtraceStopKind::SyscallEntry, PTRACE_EVENTMSG_SYSCALL_ENTRY);
    SpinlockGuard g(g_process_tree_lock);
    return !killed_locked(current_thread());
}

void ptrace_syscall_exit(TrapFrame* f) {
    Thread* t = current_thread();
    if (t->ptrace_work & kPtraceWorkStep) {
        // linux: user_single_step_report(): the step over a syscall instruction ends here.
        KSigInfo info{};
        info.si_signo = SIGTRAP;
        info.si_code = TRAP_BRKPT;
        info.fault.addr = f->rip;
        signal_force(info);
        return;
    }
    if (t->ptrace_work & kPtraceWorkSyscall) report_syscall(PtraceStopKind::SyscallExit, PTRACE_EVENTMSG_SYSCALL_EXIT);
}

int ptrace_signal(KSigInfo& info) {
    Thread* t = current_thread();
    int r = do_stop(PtraceStopKind::Signal, info.si_signo, &info, 0, &info);
    if (r == kNotTraced) return info.si_signo;
    if (r <= 0) return 0;
    SpinlockGuard g(g_process_tree_lock);
    if (r != info.si_signo) {
        // linux: ptrace_signal(): another signal than the one stopped for comes from the tracer.
        Process* tracer = t->ptrace->tracer;
        info = KSigInfo{};
        info.si_signo = r;
        info.si_code = SI_USER;
        info.kill.pid = tracer ? tracer->pid : 0;
        info.kill.uid = tracer ? tracer->creds.uid : 0;
    }
    if (t->sigmask & sig_bit(r)) {
        // Blocked: it waits in the queue like any other signal.
        signal_send_thread_locked(t, r, &info);
        return 0;
    }
    return r;
}

void ptrace_group_stop(int sig) {
    Thread* t = current_thread();
    bool seized;
    {
        SpinlockGuard g(g_process_tree_lock);
        t->ptrace->group_stop_sig = sig;
        seized = t->ptrace->seized;
    }
    // linux: do_jobctl_trap(): a PTRACE_SEIZE tracer sees PTRACE_EVENT_STOP and a siginfo.
    if (seized) {
        int code = sig | (PTRACE_EVENT_STOP << 8);
        KSigInfo info = trap_info(sig, code);
        do_stop(PtraceStopKind::Group, code, &info, 0, nullptr);
    } else {
        do_stop(PtraceStopKind::Group, sig, nullptr, 0, nullptr);
    }
}

void ptrace_interrupt_trap() {
    Thread* t = current_thread();
    int sig;
    {
        SpinlockGuard g(g_process_tree_lock);
        t->ptrace_trap = false;
        if (!t->ptrace->tracer) return;
        sig = t->ptrace->group_stop_sig ? t->ptrace->group_stop_sig : SIGTRAP;
    }
    int code = sig | (PTRACE_EVENT_STOP << 8);
    KSigInfo info = trap_info(sig, code);
    do_stop(sig == SIGTRAP ? PtraceStopKind::Event : PtraceStopKind::Group, code, &info, 0, nullptr);
}

bool ptrace_event_enabled(const Thread* t, int event) {
    SpinlockGuard g(g_process_tree_lock);
    return t->traced() && (t->ptrace->options & (1u << event));
}

void ptrace_exit_event(int wait_status) {
    Thread* t = current_thread();
    {
        // The SIGKILL that ends the thread counts as taken (linux: get_signal() dequeues it
        // before do_group_exit), so the tracer still sees the exit stop; a new one ends it.
        SpinlockGuard g(g_process_tree_lock);
        t->pending.set &= ~sig_bit(SIGKILL);
    }
    ptrace_event(PTRACE_EVENT_EXIT, static_cast<u64>(wait_status));
}

void ptrace_event(int event, u64 msg) {
    if (!ptrace_event_enabled(current_thread(), event)) return;
    int code = SIGTRAP | (event << 8);
    KSigInfo info = trap_info(SIGTRAP, code);
    do_stop(PtraceStopKind::Event, code, &info, msg, nullptr);
}

void ptrace_exec_done(int old_tid) {
    Thread* t = current_thread();
    if (ptrace_event_enabled(t, PTRACE_EVENT_EXEC)) {
        ptrace_event(PTRACE_EVENT_EXEC, static_cast<u64>(old_tid));
        return;
    }
    bool legacy;
    {
        SpinlockGuard g(g_process_tree_lock);
        legacy = t->ptrace->tracer && !t->ptrace->seized;
    }
    // linux: the old-style exec SIGTRAP (send_sig(SIGTRAP, current, 0)).
    if (legacy) {
        KSigInfo info{};
        info.si_signo = SIGTRAP;
        info.si_code = SI_USER;
        info.kill.pid = t->process->pid;
        info.kill.uid = t->process->creds.uid;
        signal_send_thread(t, SIGTRAP, &info);
    }
}

int ptrace_clone_event(u64 clone_flags, int exit_signal) {
    // Unlocked first look: an attach racing with this clone may or may not see the child.
    if (likely(!current_thread()->traced()) || (clone_flags & CLONE_UNTRACED)) return 0;
    int event = (clone_flags & CLONE_VFORK) ? PTRACE_EVENT_VFORK
                : exit_signal != SIGCHLD   ? PTRACE_EVENT_CLONE
                                           : PTRACE_EVENT_FORK;
    return ptrace_event_enabled(current_thread(), event) ? event : 0;
}

void ptrace_attach_child_locked(Thread* child, int event, bool clone_ptrace) {
    Thread* self = current_thread();
    if (!self->traced() || (!event && !clone_ptrace) || !child->ptrace) return;
    const PtraceState& s = *self->ptrace;
    ptrace_link_locked(child, s.tracer, s.seized, s.options);
    // linux: ptrace_init_task(): the child starts in a stop of its own.
    if (s.seized) {
        child->ptrace_trap = true;
    } else {
        KSigInfo info{};
        info.si_signo = SIGSTOP;
        info.si_code = SI_USER;
        signal_send_thread_locked(child, SIGSTOP, &info);
    }
}

// ---- lifecycle ----

void ptrace_thread_exited_locked(Thread* t, int exit_status) {
    PtraceState& s = *t->ptrace;
    Process* p = t->process;
    bool leader = t->tid == p->pid;
    s.stopped = false;
    s.listening = false;
    if (leader && s.tracer == p->parent) {
        // The parent traces it: the process's own exit report is the only one (Linux reaps a
        // non-reparented tracee once). The thread reference is not the last: it still runs.
        ptrace_unlink_locked(t);
        t->unref();
        return;
    }
    // A tracer that ignores SIGCHLD (or asks SA_NOCLDWAIT) has its tracees' zombies reaped at
    // once (linux: do_notify_parent's autoreap), its parent's exit report aside.
    const KSigAction& act = s.tracer->sighand->actions[SIGCHLD - 1];
    if (!leader && (act.handler == 1 /* SIG_IGN */ || (act.flags & SA_NOCLDWAIT))) {
        ptrace_unlink_locked(t);
        t->unref();
        return;
    }
    s.exited = true;
    s.exit_status = exit_status;
    s.reported = false;
    if (leader) {
        // Reported once the group is gone (linux: delay_group_leader), by process_exit_last.
        p->ptrace_exit_holder = s.tracer;
        return;
    }
    int code, status;
    wait_result_fill_exit_codes(exit_status, code, status);
    notify_tracer_locked(t, code, status);
}

void ptrace_process_zombie_locked(Process* p) {
    Process* tracer = p->ptrace_exit_holder;
    if (!tracer) return;
    for (Thread& t : tracer->tracees)
        if (t.process == p && t.ptrace->exited && t.tid == p->pid) {
            int code, status;
            wait_result_fill_exit_codes(p->exit_code, code, status);
            notify_tracer_locked(&t, code, status);
        }
}

void ptrace_tracer_exit(Process* tracer) {
    for (;;) {
        Thread* t;
        {
            SpinlockGuard g(g_process_tree_lock);
            t = tracer->tracees.first();
            if (!t) return;
            Process* p = t->process;
            if (p->ptrace_exit_holder == tracer) {
                p->ptrace_exit_holder = nullptr;
                if (p->parent) p->parent->child_events.wake_all();
            }
            if (!t->ptrace->exited && (t->ptrace->options & PTRACE_O_EXITKILL)) signal_send_thread_locked(t, SIGKILL, nullptr);
            t->ptrace->resume_sig = 0;
            ptrace_unlink_locked(t);
        }
        t->unref();
    }
}

void ptrace_continue_locked(Process* p) {
    for (Thread& t : p->threads) {
        if (!t.traced()) continue;
        PtraceState& s = *t.ptrace;
        s.group_stop_sig = 0;
        if (s.stopped && s.listening) s.trap_notify = true;
    }
    p->stop_wait.wake_all();
}

int ptrace_tracer_pid_locked(const Thread* t) { return t->traced() ? t->ptrace->tracer->pid : 0; }

// ---- wait ----

namespace {

bool pid_matches(const Process* self, const Thread& t, int pid_spec) {
    if (pid_spec > 0) return t.tid == pid_spec;
    if (pid_spec == -1) return true;
    return t.process->pgid == (pid_spec == 0 ? self->pgid : -pid_spec);
}

// An exited tracee the tracer may reap now: a leader only once its whole group is gone.
bool exit_reportable(const Thread& t) { return t.ptrace->exited && (t.tid != t.process->pid || t.process->zombie); }
bool stop_reportable(const Thread& t) { return t.ptrace->stopped && !t.ptrace->reported && !t.ptrace->listening; }

}  // namespace

bool ptrace_wait_scan_locked(Process* self, int pid_spec, int options, WaitResult& out, bool& matched,
                             Thread*& reaped) {
    for (Thread& t : self->tracees) {
        // Tracees are always eligible, clone children or not (linux: eligible_child()).
        if (!pid_matches(self, t, pid_spec)) continue;
        matched = true;
        Process* p = t.process;
        if (exit_reportable(t)) {
            if (!(options & WEXITED)) continue;
            int status = t.tid == p->pid ? p->exit_code : t.ptrace->exit_status;
            out = WaitResult{t.tid, status, 0, 0, p->creds.uid, p->utime_ns, p->stime_ns, p->maxrss_kb};
            wait_result_fill_exit_codes(status, out.code, out.child_status);
            if (!(options & WNOWAIT)) {
                if (p->ptrace_exit_holder == self) {
                    p->ptrace_exit_holder = nullptr;
                    if (Process* parent = p->parent) {
                        // linux: wait_task_zombie() hands the zombie back to its real parent.
                        if (p->exit_signal > 0) {
                            KSigInfo info{};
                            info.si_signo = p->exit_signal;
                            info.si_code = out.code;
                            info.chld.pid = p->pid;
                            info.chld.uid = p->creds.uid;
                            info.chld.status = out.child_status;
                            signal_send_process_locked(parent, p->exit_signal, &info);
                        }
                        parent->child_events.wake_all();
                    }
                }
                ptrace_unlink_locked(&t);
                reaped = &t;
            }
            return true;
        }
        if (stop_reportable(t)) {
            out = WaitResult{t.tid, (t.ptrace->code << 8) | 0x7f, CLD_TRAPPED, t.ptrace->code, p->creds.uid,
                             p->utime_ns, p->stime_ns, p->maxrss_kb};
            if (!(options & WNOWAIT)) t.ptrace->reported = true;
            return true;
        }
    }
    return false;
}

bool ptrace_zombie_held_locked(Process& c) { return c.ptrace_exit_holder != nullptr; }

bool ptrace_wait_ready_locked(Process* self, int pid_spec, int options, bool& matched) {
    for (Thread& t : self->tracees) {
        if (!pid_matches(self, t, pid_spec)) continue;
        matched = true;
        if ((exit_reportable(t) && (options & WEXITED)) || stop_reportable(t)) return true;
    }
    return false;
}
