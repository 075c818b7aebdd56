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
#include "core/process_table.h"
#include "core/signal.h"
#include "core/time.h"
#include "drivers/tty/tty_hooks.h"
#include "syscalls/fs_locks.h"
#include "mm/address_space.h"
#include "mm/kheap.h"

namespace {

void user_thread_entry(void* arg) {
    auto* t = static_cast<Thread*>(arg);
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
        t->sigmask = like->sigmask;
        // fork keeps the alternate signal stack (it is in the copied memory).
        t->altstack_sp = like->altstack_sp;
        t->altstack_size = like->altstack_size;
        t->altstack_flags = like->altstack_flags;
    }
    return t;
}

}  // namespace

Process::~Process() {
    while (QueuedSignal* q = shared_pending.queue.pop_front()) delete q;
}

// Frees a Process whose last reference is gone (queued signals included).
void process_free(Process* p) { delete p; }

void thread_release_user_state(Thread* t) {
    if (t->fpu) {
        arch::fpu_free(t->fpu);
        t->fpu = nullptr;
    }
    while (QueuedSignal* q = t->pending.queue.pop_front()) delete q;
    if (Process* p = t->process) {
        t->process = nullptr;
        if (p->deref()) process_free(p);
    }
}

void switch_user_state(Thread* prev, Thread* next) {
    if (prev->fpu) arch::fpu_save(prev->fpu);
    if (next->process) {
        AddressSpace* mm = next->process->mm.ptr();
        arch::switch_page_table(mm ? mm->root() : 0);
        arch::set_user_tls(next->fs_base, next->gs_base);
    } else if (prev->process) {
        // Kernel threads run on the kernel's page tables, so an address space can be freed
        // while they run.
        arch::switch_page_table(0);
    }
    if (next->fpu) arch::fpu_restore(next->fpu);
}

Result<void> process_start_init_with(Process* p, Thread* self);

Result<int> process_clone(const CloneArgs& a, TrapFrame* parent_frame) {
    Thread* self = current_thread();
    Process* parent = self->process;
    u64 flags = a.flags;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) return Error(EINVAL);
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) return Error(EINVAL);
    if ((flags & CLONE_FS) && (flags & CLONE_NEWNS)) return Error(EINVAL);
    if (flags & CLONE_THREAD) return Error(ENOSYS);   // threads: issue 5 (logged by the caller)

    auto* child = new (std::nothrow) Process();
    if (!child) return Error(ENOMEM);
    RefPtr<Process> child_ref = RefPtr<Process>::adopt(child);
    child->creds = parent->creds;
    __builtin_memcpy(child->comm, parent->comm, sizeof(child->comm));
    __builtin_memcpy(child->exe_path, parent->exe_path, sizeof(child->exe_path));
    __builtin_memcpy(child->rlimits, parent->rlimits, sizeof(child->rlimits));
    child->arg_start = parent->arg_start;
    child->arg_end = parent->arg_end;
    child->env_start = parent->env_start;
    child->env_end = parent->env_end;
    child->exit_signal = a.exit_signal;
    child->controlling_tty = parent->controlling_tty;
    child->nice = parent->nice;
    child->personality = parent->personality;
    child->start_time_ns = monotonic_ns();
    child->mm = (flags & CLONE_VM) ? parent->mm : TRY(parent->mm->fork());
    child->fds = (flags & CLONE_FILES) ? parent->fds : TRY(parent->fds->clone());
    child->fs = (flags & CLONE_FS) ? parent->fs : TRY(parent->fs->clone());
    if (flags & CLONE_SIGHAND) {
        child->sighand = parent->sighand;
    } else {
        auto* sh = new (std::nothrow) SignalHandlers();
        if (!sh) return Error(ENOMEM);
        child->sighand = RefPtr<SignalHandlers>::adopt(sh);
        __builtin_memcpy(sh->actions, parent->sighand->actions, sizeof(sh->actions));
    }

    TrapFrame frame = *parent_frame;
    frame.rax = 0;   // the child sees 0 from fork
    if (a.stack) frame.rsp = a.stack;
    Thread* t = TRY(make_user_thread(child, frame, self));
    if (flags & CLONE_SETTLS) t->fs_base = a.tls;
    if (flags & CLONE_CHILD_CLEARTID) t->clear_child_tid = a.child_tid;

    int pid;
    {
        SpinlockGuard g(g_process_tree_lock);
        auto p = pid_alloc_locked();
        if (p.is_error()) {
            t->process = nullptr;
            if (child->deref()) process_free(child);
            t->m_state = ThreadState::Dead;
            t->unref();
            return p.error();
        }
        pid = p.value();
        child->pid = pid;
        child->pgid = parent->pgid;
        child->sid = parent->sid;
        t->tid = pid;
        Process* real_parent = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
        child->parent = real_parent;
        real_parent->children.push_back(*child);
        child->threads.push_back(*t);
        child->live_threads = 1;
        process_table_insert_locked(child);
        child->ref();   // the table's reference, dropped when reaped
    }
    if (flags & CLONE_PARENT_SETTID) (void)copy_to_user(UserPtr<int>(a.parent_tid), pid);
    if (flags & CLONE_CHILD_SETTID) {
        // Written in the child's address space: with a private copy, only the child sees it.
        t->set_child_tid = a.child_tid;
    }
    bool vfork = flags & CLONE_VFORK;
    if (vfork) child->vfork_parent_waiter = self;
    sched_start(t);
    t->unref();
    if (vfork) {
        // The parent sleeps until the child execs or exits (its memory is shared until then).
        child->child_events.wait_until([&] { return child->vfork_parent_waiter == nullptr; });
    }
    return pid;
}

namespace {

// Zombie reaping: drops the table's reference and the pid. Tree lock held.
void reap_locked(Process* p) {
    if (p->parent) p->parent->children.remove(*p);
    p->parent = nullptr;
    process_table_remove_locked(p);
    pid_free_locked(p->pid);
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

void finish_vfork(Process* p) {
    if (Thread* w = p->vfork_parent_waiter) {
        (void)w;
        p->vfork_parent_waiter = nullptr;
        p->child_events.wake_all();
    }
}

}  // namespace

void process_vfork_done(Process* p) { finish_vfork(p); }

void thread_do_exit(int wait_status, bool whole_group) {
    Thread* self = current_thread();
    Process* p = self->process;
    VERIFY(p);
    (void)whole_group;   // single-threaded processes until the threads issue
    self->exiting = true;
    if (self->clear_child_tid) {
        (void)copy_to_user(UserPtr<int>(self->clear_child_tid), 0);
        // futex wake on clear_child_tid arrives with the futex issue.
    }
    if (p->pid == 1) {
        log_notice("init (pid 1) exited with status %#x; powering off", wait_status);
        arch::power_off();
    }
    p->exiting = true;
    finish_vfork(p);
    itimer_exit(p);
    // A session leader's exit hangs up its terminal's foreground group (disassociate_ctty).
    if (p->sid == p->pid && p->controlling_tty) tty_session_leader_exit();
    // Release resources now: a zombie holds no memory, files or directories.
    file_locks_release_process(p, nullptr);
    p->fds->close_all();
    p->fds = nullptr;
    file_locks_collect();
    p->fs = nullptr;
    // Order matters with preemption: first take the address space out of the process (a switch
    // back to this thread then loads the kernel's page tables), then leave its page tables, and
    // only then drop it. The other order lets a preemption reload a root that is about to be freed.
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
        p->threads.remove(*self);
        p->live_threads--;
        p->exit_code = wait_status;
        p->zombie = true;
        exit_signal = p->exit_signal;
        if (p->parent) {
            parent_ref = RefPtr<Process>(p->parent);
            if (exit_signal == SIGCHLD && sigchld_ignored(p->parent)) autoreap = true;
        }
        if (autoreap) {
            reap_locked(p);
        }
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

Result<WaitResult> process_wait(int pid_spec, int options, bool waitid_style) {
    Process* self = current_process();
    for (;;) {
        bool any = false;
        WaitResult r{};
        Process* reaped = nullptr;
        {
            SpinlockGuard g(g_process_tree_lock);
            for (Process& c : self->children) {
                bool match = pid_spec > 0 ? c.pid == pid_spec
                             : pid_spec == 0 ? c.pgid == self->pgid
                             : pid_spec == -1 ? true
                                              : c.pgid == -pid_spec;
                if (!match) continue;
                // __WCLONE/__WALL: only "clone" children (exit signal not SIGCHLD) or all.
                bool clone_child = c.exit_signal != SIGCHLD;
                if (!(options & __WALL) && (clone_child != bool(options & __WCLONE))) continue;
                any = true;
                if (c.zombie && (options & WEXITED)) {
                    r = WaitResult{c.pid, c.exit_code, 0, 0, c.creds.uid, c.utime_ns, c.stime_ns};
                    if ((c.exit_code & 0x7f) == 0) {
                        r.code = 1;   // CLD_EXITED
                        r.child_status = (c.exit_code >> 8) & 0xff;
                    } else {
                        r.code = (c.exit_code & 0x80) ? 3 : 2;   // CLD_DUMPED : CLD_KILLED
                        r.child_status = c.exit_code & 0x7f;
                    }
                    if (!(options & WNOWAIT)) {
                        self->cutime_ns += c.utime_ns + c.cutime_ns;
                        self->cstime_ns += c.stime_ns + c.cstime_ns;
                        reap_locked(&c);
                        reaped = &c;
                    }
                    break;
                }
                if (c.stopped && !c.stop_reported && (options & WSTOPPED)) {
                    r = WaitResult{c.pid, (c.stop_signal << 8) | 0x7f, 5 /* CLD_STOPPED */, c.stop_signal,
                                   c.creds.uid, c.utime_ns, c.stime_ns};
                    if (!(options & WNOWAIT)) c.stop_reported = true;
                    break;
                }
                if (!c.continue_reported && (options & WCONTINUED)) {
                    r = WaitResult{c.pid, 0xffff, 6 /* CLD_CONTINUED */, SIGCONT, c.creds.uid, c.utime_ns, c.stime_ns};
                    if (!(options & WNOWAIT)) c.continue_reported = true;
                    break;
                }
            }
        }
        // The table's reference: the last one when the exited thread is already gone.
        if (reaped && reaped->deref()) process_free(reaped);
        if (r.pid) return r;
        if (!any) return Error(ECHILD);
        if (options & WNOHANG) return WaitResult{};
        (void)waitid_style;
        auto w = self->child_events.wait_interruptible([&] {
            SpinlockGuard g(g_process_tree_lock);
            for (Process& c : self->children) {
                if (c.zombie || (c.stopped && !c.stop_reported) || !c.continue_reported) return true;
            }
            return self->children.empty();
        });
        if (w.is_error()) return Error(kErestartSys);
    }
}
