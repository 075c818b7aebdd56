// SPDX-License-Identifier: MIT
// Process lifecycle: init, clone (fork, vfork, threads), exit, reaping and wait.
#include "abi/linux/uapi.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/user_paging.h"
#include "arch/x86_64/trap_frame.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/job_control.h"
#include "core/process_lifecycle.h"
#include "core/rseq.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "core/signal.h"
#include "core/time.h"
#include "drivers/tty/tty_hooks.h"
#include "fs/cgroup/cgroup.h"
#include "ipc/futex.h"
#include "syscalls/fs_locks.h"
#include "syscalls/seccomp.h"
#include "mm/address_space.h"
#include "mm/kheap.h"

namespace {

void user_thread_entry(void* arg) {
    auto* t = static_cast<Thread*>(arg);
    // CLONE_CHILD_SETTID: the child stores its tid in its own memory (Linux's schedule_tail).
    if (t->set_child_tid) (void)copy_to_user(UserPtr<int>(t->set_child_tid), t->tid);
    // A traced child's first stop (its SIGSTOP or PTRACE_EVENT_STOP) comes before its first user
    // instruction (linux: ret_from_fork goes through the return-to-user work).
    if (unlikely(t->traced())) {
        arch::irq_disable();
        return_to_user(t->user_frame, false, 0);
    }
    enter_user_mode(t->user_frame);
}

TrapFrame* frame_slot(Thread* t) { return reinterpret_cast<TrapFrame*>(t->stack.top - sizeof(TrapFrame)); }

}  // namespace

void process_default_rlimits(RLimit* r);
void process_default_rlimits(RLimit* r) {
    constexpr u64 kInf = ~0ull;
    for (int i = 0; i < kRlimitCount; i++) r[i] = {kInf, kInf};
    r[3] = {8ull << 20, kInf};   // RLIMIT_STACK
    r[4] = {0, kInf};            // RLIMIT_CORE
    r[6] = {1024 * 4, 1024 * 4}; // RLIMIT_NPROC (approximate)
    r[7] = {1024, 4096};         // RLIMIT_NOFILE (Linux's defaults)
    r[8] = {8ull << 20, 8ull << 20};   // RLIMIT_MEMLOCK
    r[11] = {1024 * 4, 1024 * 4};      // RLIMIT_SIGPENDING
    r[12] = {819200, 819200};          // RLIMIT_MSGQUEUE
    r[13] = {0, 0};                    // RLIMIT_NICE
    r[14] = {0, 0};                    // RLIMIT_RTPRIO
}

namespace {

// Creates the user-side Thread for process p with a copy of `frame` at the top of its stack.
Result<Thread*> make_user_thread(Process* p, const TrapFrame& frame, const Thread* like) {
    Thread* t = TRY(Thread::create_reserved(p->comm, nullptr, nullptr, sizeof(TrapFrame)));
    t->entry = user_thread_entry;
    t->arg = t;
    t->saved_rsp = arch::prepare_thread_stack(t->stack.top - align_up(sizeof(TrapFrame), 16), user_thread_entry, t);
    auto fpu = arch::fpu_alloc();
    if (fpu.is_error()) {
        t->m_state = ThreadState::Dead;
        t->unref();
        return Error(ENOMEM);
    }
    t->fpu = fpu.value();
    if (like && like->fpu) {
        if (like == current_thread()) arch::fpu_save(like->fpu);   // live registers are newer
        arch::fpu_copy(t->fpu, like->fpu);
    }
    t->user_frame = frame_slot(t);
    *t->user_frame = frame;
    t->process = p;
    p->ref();
    if (like) {
        t->fs_base = like->fs_base;
        t->gs_base = like->gs_base;
        arch::copy_user_segments(*t, *like);
        t->sigmask = like->sigmask;
        t->ioprio = like->ioprio;   // linux: copy_io() without CLONE_IO
        t->mempolicy = like->mempolicy;   // linux: mpol_dup() in copy_process()
        // fork keeps the alternate signal stack (it is in the copied memory).
        t->altstack_sp = like->altstack_sp;
        t->altstack_size = like->altstack_size;
        t->altstack_flags = like->altstack_flags;
        seccomp_inherit(t, like);
    }
    return t;
}

}  // namespace

Process::~Process() {
    while (QueuedSignal* q = shared_pending.queue.pop_front()) queued_signal_free(q);
}

// Frees a Process whose last reference is gone (queued signals included).
void process_free(Process* p) { delete p; }

void thread_release_user_state(Thread* t) {
    if (t->fpu) {
        arch::fpu_free(t->fpu);
        t->fpu = nullptr;
    }
    while (QueuedSignal* q = t->pending.queue.pop_front()) queued_signal_free(q);
    seccomp_release(t);
    delete t->ptrace;
    t->ptrace = nullptr;
    if (Process* p = t->process) {
        t->process = nullptr;
        if (p->deref()) process_free(p);
    }
}

void switch_user_state(Thread* prev, Thread* next) {
    if (prev->fpu && prev->fpu_live) arch::fpu_save(prev->fpu);
    if (prev->process) arch::switch_user_segments_out(*prev);
    if (next->process) {
        AddressSpace* mm = next->process->mm.ptr();
        arch::switch_page_table(mm ? mm->root() : 0);
        arch::set_user_tls(next->fs_base, next->gs_base);
        arch::switch_user_segments_in(*next);
    } else if (prev->process) {
        // Kernel threads run on the kernel's page tables, so an address space can be freed
        // while they run.
        arch::switch_page_table(0);
    }
    if (next->fpu && next->fpu_live) arch::fpu_restore(next->fpu);
}

Result<void> process_start_init_with(Process* p, Thread* self);

namespace {

// RLIMIT_NPROC as Linux's copy_process: the tasks (threads) of the caller's real user, unless
// that user is root or the caller has CAP_SYS_RESOURCE/CAP_SYS_ADMIN.
Result<void> check_nproc(Process* parent) {
    u64 limit = parent->rlimits[RLIMIT_NPROC].cur;
    const Credentials& c = parent->creds;
    u32 uid = c.uid;
    if (limit == RLIM_INFINITY || uid == 0 || c.has_cap(CAP_SYS_RESOURCE) || c.has_cap(CAP_SYS_ADMIN)) return {};
    SpinlockGuard g(g_process_tree_lock);
    u64 tasks = 0;
    for_each_process_locked([&](Process& p) {
        if (!p.zombie && p.creds.uid == uid) tasks += p.live_threads;
    });
    if (tasks >= limit) return Error(EAGAIN);
    return {};
}

// Linux's copy_process/kernel_clone flag rules (the part that holds for clone and clone3).
Result<void> check_clone_flags(const CloneArgs& a, Process* parent) {
    u64 flags = a.flags;
    if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID) && a.pidfd == a.parent_tid) return Error(EINVAL);
    if ((flags & CLONE_NEWNS) && (flags & CLONE_FS)) return Error(EINVAL);
    if ((flags & CLONE_NEWUSER) && (flags & CLONE_FS)) return Error(EINVAL);
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) return Error(EINVAL);
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) return Error(EINVAL);
    // Siblings of init would never be reaped (init's parent is the idle task).
    if ((flags & CLONE_PARENT) && parent->pid == 1) return Error(EINVAL);
    if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID))) return Error(EINVAL);
    if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD))) return Error(EINVAL);
    return {};
}

// The tid (pid) of a new task: the next free one, or clone3's set_tid (Linux's alloc_pid rules
// for the initial pid namespace). Tree lock held.
Result<int> alloc_task_pid_locked(const CloneArgs& a, Process* caller) {
    if (!a.set_tid) return pid_alloc_locked();
    if (a.set_tid < 1 || a.set_tid >= kPidMax) return Error(EINVAL);
    // linux: checkpoint_restore_ns_capable().
    if (!caller->creds.has_cap(CAP_CHECKPOINT_RESTORE) && !caller->creds.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);
    return pid_alloc_specific_locked(a.set_tid);
}

// The new thread's user-visible set-up shared by threads and processes.
void setup_new_thread(Thread* t, const CloneArgs& a) {
    // A thread on its own stack must not inherit the caller's alternate signal stack (Linux
    // clears it for CLONE_VM without CLONE_VFORK).
    if ((a.flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
        t->altstack_sp = t->altstack_size = 0;
        t->altstack_flags = SS_DISABLE;
    }
    if (a.flags & CLONE_SETTLS) {
        t->fs_base = a.tls;
        t->user_fsindex = 0;   // linux: do_set_thread_area_64(ARCH_SET_FS)
    }
    if (a.flags & CLONE_CHILD_CLEARTID) t->clear_child_tid = a.child_tid;
    // Written by the child itself, in its own address space, before it first runs user code.
    if (a.flags & CLONE_CHILD_SETTID) t->set_child_tid = a.child_tid;
    rseq_on_clone(t, current_thread(), a.flags & CLONE_VM);
}

// Gives up on a thread that was never started.
void discard_new_thread(Thread* t) {
    t->m_state = ThreadState::Dead;
    t->unref();
}

// A child the caller's tracer will trace gets its ptrace state now, while nothing can fail late.
Result<void> prepare_traced_child(Thread* t, int trace, u64 flags) {
    if (likely(!trace && !((flags & CLONE_PTRACE) && current_thread()->traced()))) return {};
    t->ptrace = new (std::nothrow) PtraceState();
    if (t->ptrace) return {};
    discard_new_thread(t);
    return Error(ENOMEM);
}

// Starts t; with CLONE_VFORK the caller sleeps until t execs or exits (memory is shared until then).
// A traced caller reports the ptrace event (with the new id) in between (linux: kernel_clone).
void start_new_thread(Thread* t, bool vfork, int ptrace_event_nr, int id) {
    if (vfork) {
        t->vfork_pending = true;
        t->ref();
    }
    sched_start(t);
    if (ptrace_event_nr) ptrace_event(ptrace_event_nr, static_cast<u64>(id));
    if (vfork) {
        thread_vfork_wait(t);
        t->unref();
        if (ptrace_event_nr) ptrace_event(PTRACE_EVENT_VFORK_DONE, static_cast<u64>(id));
    }
    t->unref();
}

// CLONE_THREAD: a new thread in the caller's group, sharing everything the group shares.
Result<int> clone_thread(const CloneArgs& a, TrapFrame* parent_frame) {
    Thread* self = current_thread();
    Process* p = self->process;
    // One descriptor table and fs context per process: a thread with its own is not modelled.
    if (!(a.flags & CLONE_FILES) || !(a.flags & CLONE_FS)) return Error(ENOSYS);
    if (a.flags & kCloneNsFlags) return Error(ENOSYS);   // namespaces are per process here
    TrapFrame frame = *parent_frame;
    frame.rax = 0;
    if (a.stack) frame.rsp = a.stack;
    Thread* t = TRY(make_user_thread(p, frame, self));
    setup_new_thread(t, a);
    int trace = ptrace_clone_event(a.flags, a.exit_signal);
    TRY(prepare_traced_child(t, trace, a.flags));
    int err = EINTR, tid = 0;
    {
        SpinlockGuard g(g_process_tree_lock);
        // A group that is dying or exec'ing takes no new threads (Linux: fatal signal pending).
        if (!p->group_exiting && !p->exec_thread && !(self->pending.set & sig_bit(SIGKILL))) {
            auto r = alloc_task_pid_locked(a, p);
            err = r.is_error() ? r.error_code() : 0;
            if (!err) {
                // linux: cgroup_can_fork(): the pids controller may refuse (EAGAIN).
                if (auto c = cgroup_thread_new_locked(*p); c.is_error()) {
                    pid_free_locked(r.value());
                    err = c.error_code();
                }
            }
            if (!err) {
                tid = t->tid = r.value();
                p->threads.push_back(*t);
                p->live_threads++;
                ptrace_attach_child_locked(t, trace, a.flags & CLONE_PTRACE);
            }
        }
    }
    if (err) {
        discard_new_thread(t);
        return Error(err);
    }
    if (a.flags & CLONE_PARENT_SETTID) (void)copy_to_user(UserPtr<int>(a.parent_tid), tid);
    start_new_thread(t, a.flags & CLONE_VFORK, trace, tid);
    return tid;
}

}  // namespace

Result<int> process_clone(const CloneArgs& a, TrapFrame* parent_frame) {
    Thread* self = current_thread();
    Process* parent = self->process;
    u64 flags = a.flags;
    TRY(check_clone_flags(a, parent));
    TRY(check_nproc(parent));
    // copy_namespaces: after the resource checks; CLONE_NEWIPC leaves the SEM_UNDO list behind,
    // which CLONE_SYSVSEM would share.
    TRY(ns_check_new(flags, parent->creds));
    if ((flags & CLONE_NEWIPC) && (flags & CLONE_SYSVSEM)) return Error(EINVAL);
    if (flags & CLONE_PIDFD) return Error(ENOSYS);   // pidfds: not implemented yet
    if (flags & CLONE_THREAD) return clone_thread(a, parent_frame);

    auto* child = new (std::nothrow) Process();
    if (!child) return Error(ENOMEM);
    RefPtr<Process> child_ref = RefPtr<Process>::adopt(child);
    child->creds = parent->creds;
    child->dumpable.store(parent->dumpable.load(std::memory_order_relaxed), std::memory_order_relaxed);
    __builtin_memcpy(child->comm, parent->comm, sizeof(child->comm));
    __builtin_memcpy(child->exe_path, parent->exe_path, sizeof(child->exe_path));
    __builtin_memcpy(child->rlimits, parent->rlimits, sizeof(child->rlimits));
    child->arg_start = parent->arg_start;
    child->arg_end = parent->arg_end;
    child->env_start = parent->env_start;
    child->env_end = parent->env_end;
    child->coredump_filter = parent->coredump_filter;
    // CLONE_PARENT makes a sibling, which signals the shared parent as the caller would.
    child->exit_signal = (flags & CLONE_PARENT) ? parent->exit_signal : a.exit_signal;
    child->controlling_tty = parent->controlling_tty;
    child->nice = parent->nice;
    child->sched_policy = parent->sched_policy;
    // linux: sched_fork(): reset-on-fork children start without the flag and a negative nice.
    if (parent->sched_reset_on_fork && child->nice < 0) child->nice = 0;
    child->personality = parent->personality;
    child->start_time_ns = monotonic_ns();
    child->mm = (flags & CLONE_VM) ? parent->mm : TRY(parent->mm->fork());
    child->fds = (flags & CLONE_FILES) ? parent->fds : TRY(parent->fds->clone());
    child->fs = (flags & CLONE_FS) ? parent->fs : TRY(parent->fs->clone());
    child->ns = TRY(ns_copy(parent->ns, flags));
    if (flags & CLONE_SIGHAND) {
        child->sighand = parent->sighand;
    } else {
        auto* sh = new (std::nothrow) SignalHandlers();
        if (!sh) return Error(ENOMEM);
        child->sighand = RefPtr<SignalHandlers>::adopt(sh);
        __builtin_memcpy(sh->actions, parent->sighand->actions, sizeof(sh->actions));
        // clone3's CLONE_CLEAR_SIGHAND: handlers back to the default, ignored signals stay ignored.
        if (flags & CLONE_CLEAR_SIGHAND)
            for (KSigAction& act : sh->actions)
                if (act.handler > 1) act = KSigAction{};
    }

    // Only the calling thread is copied, even from a multi-threaded process (man 2 fork).
    TrapFrame frame = *parent_frame;
    frame.rax = 0;   // the child sees 0 from fork
    if (a.stack) frame.rsp = a.stack;
    Thread* t = TRY(make_user_thread(child, frame, self));
    setup_new_thread(t, a);
    int trace = ptrace_clone_event(flags, a.exit_signal);
    TRY(prepare_traced_child(t, trace, flags));

    int err = EINTR, pid = 0;
    {
        SpinlockGuard g(g_process_tree_lock);
        if (!parent->group_exiting && !parent->exec_thread) {
            auto r = alloc_task_pid_locked(a, parent);
            err = r.is_error() ? r.error_code() : 0;
            if (!err) pid = r.value();
            if (!err) {
                // linux: cgroup_can_fork(): the pids controller may refuse (EAGAIN).
                if (auto c = cgroup_fork_locked(*parent, *child, a.into_cgroup); c.is_error()) {
                    pid_free_locked(pid);
                    err = c.error_code();
                }
            }
        }
        if (!err) {
            child->pid = pid;
            child->pgid = parent->pgid;
            child->sid = parent->sid;
            child->oom_score_adj = parent->oom_score_adj;
            child->oom_score_adj_min = parent->oom_score_adj_min;
            t->tid = pid;
            Process* real_parent = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
            child->parent = real_parent;
            real_parent->children.push_back(*child);
            child->threads.push_back(*t);
            child->live_threads = 1;
            process_table_insert_locked(child);
            child->ref();   // the table's reference, dropped when reaped
            ptrace_attach_child_locked(t, trace, flags & CLONE_PTRACE);
        }
    }
    if (err) {
        discard_new_thread(t);   // drops the thread's reference to child
        return Error(err);
    }
    if (flags & CLONE_PARENT_SETTID) (void)copy_to_user(UserPtr<int>(a.parent_tid), pid);
    start_new_thread(t, flags & CLONE_VFORK, trace, pid);
    return pid;
}

// Zombie reaping: drops the table's entry and the pid (the caller drops the table's reference).
void process_reap_locked(Process* p) {
    cgroup_reap_locked(*p);
    if (p->parent) p->parent->children.remove(*p);
    p->parent = nullptr;
    process_table_remove_locked(p);
    pid_free_locked(p->pid);
}

void process_sample_maxrss(Process* p) {
    if (AddressSpace* mm = p->mm.ptr()) p->maxrss_kb = max(p->maxrss_kb, u64(mm->resident_pages()) * (kPageSize / 1024));
}

// Whether a wait for pid_spec with options (wait4's encoding) is about child c.
static bool wait_matches(const Process& self, const Process& c, int pid_spec, int options) {
    bool match = pid_spec > 0 ? c.pid == pid_spec
                 : pid_spec == 0 ? c.pgid == self.pgid
                 : pid_spec == -1 ? true
                                  : c.pgid == -pid_spec;
    if (!match) return false;
    // __WCLONE/__WALL: only "clone" children (exit signal not SIGCHLD) or all.
    bool clone_child = c.exit_signal != SIGCHLD;
    return (options & __WALL) || clone_child == bool(options & __WCLONE);
}

// Whether c has something the wait would report now.
static bool wait_reportable(const Process& c, int options) {
    return (c.zombie && (options & WEXITED)) || (c.stopped && !c.stop_reported && (options & WSTOPPED)) ||
           (!c.continue_reported && (options & WCONTINUED));
}

void wait_result_fill_exit_codes(int status, int& code, int& child_status) {
    if ((status & 0x7f) == 0) {
        code = CLD_EXITED;
        child_status = (status >> 8) & 0xff;
    } else {
        code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
        child_status = status & 0x7f;
    }
}

Result<WaitResult> process_wait(int pid_spec, int options, bool waitid_style) {
    Process* self = current_process();
    for (;;) {
        bool any = false;
        WaitResult r{};
        Process* reaped = nullptr;
        Thread* reaped_tracee = nullptr;
        {
            SpinlockGuard g(g_process_tree_lock);
            // Tracees first: their stops and exits are reported to the tracer (ptrace(2)).
            bool traced = !self->tracees.empty() &&
                          ptrace_wait_scan_locked(self, pid_spec, options, r, any, reaped_tracee);
            for (Process& c : self->children) {
                if (traced) break;
                if (!wait_matches(*self, c, pid_spec, options)) continue;
                any = true;
                if (c.zombie && ptrace_zombie_held_locked(c)) continue;   // its tracer reaps it first
                if (c.zombie && (options & WEXITED)) {
                    r = WaitResult{c.pid, c.exit_code, 0, 0, c.creds.uid, c.utime_ns, c.stime_ns, max(c.maxrss_kb, c.cmaxrss_kb)};
                    wait_result_fill_exit_codes(c.exit_code, r.code, r.child_status);
                    if (!(options & WNOWAIT)) {
                        self->cmaxrss_kb = max(self->cmaxrss_kb, max(c.maxrss_kb, c.cmaxrss_kb));
                        self->cutime_ns += c.utime_ns + c.cutime_ns;
                        self->cstime_ns += c.stime_ns + c.cstime_ns;
                        process_reap_locked(&c);
                        reaped = &c;
                    }
                    break;
                }
                if (c.stopped && !c.stop_reported && (options & WSTOPPED)) {
                    r = WaitResult{c.pid, (c.stop_signal << 8) | 0x7f, 5 /* CLD_STOPPED */, c.stop_signal,
                                   c.creds.uid, c.utime_ns, c.stime_ns, c.maxrss_kb};
                    if (!(options & WNOWAIT)) c.stop_reported = true;
                    break;
                }
                if (!c.continue_reported && (options & WCONTINUED)) {
                    r = WaitResult{c.pid, 0xffff, 6 /* CLD_CONTINUED */, SIGCONT, c.creds.uid, c.utime_ns, c.stime_ns, c.maxrss_kb};
                    if (!(options & WNOWAIT)) c.continue_reported = true;
                    break;
                }
            }
        }
        // The table's reference: the last one when the exited thread is already gone.
        if (reaped && reaped->deref()) process_free(reaped);
        if (reaped_tracee) reaped_tracee->unref();
        if (r.pid) return r;
        if (!any) return Error(ECHILD);
        if (options & WNOHANG) return WaitResult{};
        (void)waitid_style;
        // Only a child this wait could report (or the last matching one gone) ends the sleep: a
        // zombie the caller does not ask for must not turn the wait into a busy loop.
        auto w = self->child_events.wait_interruptible([&] {
            SpinlockGuard g(g_process_tree_lock);
            bool matching = false;
            for (Process& c : self->children) {
                if (!wait_matches(*self, c, pid_spec, options)) continue;
                matching = true;
                if (c.zombie && ptrace_zombie_held_locked(c)) continue;   // its tracer reaps it first
                if (wait_reportable(c, options)) return true;
            }
            if (ptrace_wait_ready_locked(self, pid_spec, options, matching)) return true;
            return !matching;
        });
        if (w.is_error()) return Error(kErestartSys);
    }
}
