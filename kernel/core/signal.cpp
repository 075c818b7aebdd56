// SPDX-License-Identifier: MIT
#include "core/signal.h"

#include "abi/linux/uapi.h"
#include "arch/fpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/job_control.h"
#include "core/log.h"
#include "core/percpu.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "core/rseq.h"
#include "ipc/posix_timers.h"
#include "ipc/signalfd.h"
#include "mm/kheap.h"
#include "mm/user_ptr.h"

// Linux's rt_sigframe for x86_64: what a handler finds on its stack.
struct RtSigframe {
    u64 pretcode;
    struct ucontext uc;
    KSigInfo info;
};
static_assert(sizeof(struct ucontext) == 304);
static_assert(sizeof(RtSigframe) == 440);
static_assert(offsetof(RtSigframe, uc) == 8);
static_assert(offsetof(RtSigframe, info) == 312);

namespace {

constexpr u64 kSigDfl = 0, kSigIgn = 1;
constexpr u64 kUserFlagsMask = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10 | 0x4 | 0x1 | 0x10000;   // AC OF DF TF SF ZF AF PF CF RF
constexpr u16 kUserCs = 0x28 | 3, kUserSs = 0x20 | 3;

enum class Default { Term, Core, Ignore, Stop, Cont };
bool dequeue_locked(Thread* t, KSigInfo& out);

Default default_action(int sig) {
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE: case SIGSEGV:
    case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return Default::Core;
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return Default::Ignore;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return Default::Stop;
    case SIGCONT:
        return Default::Cont;
    default:
        return Default::Term;
    }
}

bool is_stop(int sig) { return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU; }
constexpr SigSet kStopMask = sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) | sig_bit(SIGTTOU);

void discard(PendingSignals& ps, SigSet mask) {
    ps.set &= ~mask;
    for (QueuedSignal& q : ps.queue) {
        if (mask & sig_bit(q.info.si_signo)) {
            ps.queue.remove(q);
            queued_signal_free(&q);
        }
    }
}

// Queued signals per user, for RLIMIT_SIGPENDING (Linux's ucounts). Lock-free: signals are freed
// from places that hold no lock. A user that finds no free slot is not limited.
struct UserSigCount {
    std::atomic<u32> uid_plus1{0};
    std::atomic<u32> count{0};
};
UserSigCount g_sig_counts[64];

UserSigCount* user_sig_count(u32 uid) {
    for (UserSigCount& c : g_sig_counts) {
        u32 cur = c.uid_plus1.load(std::memory_order_acquire);
        if (cur == uid + 1) return &c;
        u32 empty = 0;
        if (cur == 0 && c.uid_plus1.compare_exchange_strong(empty, uid + 1)) return &c;
        if (empty == uid + 1) return &c;
    }
    return nullptr;
}

// Linux's __sigqueue_alloc: the target's real user is charged, against the target's limit,
// unless override (legacy signals the kernel generates).
bool sigqueue_charge(Process* target, QueuedSignal* q, bool override_limit) {
    u32 uid = target->creds.uid;
    UserSigCount* c = user_sig_count(uid);
    if (!c) return true;
    u32 now = c->count.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (!override_limit && now > target->rlimits[RLIMIT_SIGPENDING].cur) {
        c->count.fetch_sub(1, std::memory_order_acq_rel);
        return false;
    }
    q->charged_uid = uid;
    q->charged = true;
    return true;
}

// Ignored at generation time (and not blocked): dropped, as Linux's sig_ignored().
bool ignored_for(Thread* t, Process* p, int sig) {
    if (sig == SIGKILL || sig == SIGSTOP) return false;
    // linux: sig_ignored() looks at the target task's mask; a process-directed signal targets
    // the group leader.
    // Blocked signals are never ignored, including those rt_sigtimedwait unblocked only while
    // it waits for them (real_blocked): sigwait() sleeping on a SIGWINCH must get it.
    if (!t) t = p->threads.first();
    if (t && ((t->sigmask | t->real_blocked) & sig_bit(sig))) return false;
    const KSigAction& a = p->sighand->actions[sig - 1];
    // init gets only the signals it has handlers for (Linux's SIGNAL_UNKILLABLE; Linux lets a
    // blocked one wait and drops it at delivery, here it is dropped now).
    if (a.handler == kSigDfl && p->pid == 1 && !t) return true;
    // A process-directed signal checks the group leader's mask, as Linux's sig_ignored() runs
    // on the task the pid names: a SIGWINCH blocked for sigwait() stays pending.
    if (!t && p->threads.first() && ((p->threads.first()->sigmask | p->threads.first()->real_blocked) & sig_bit(sig)))
        return false;
    if (a.handler == kSigIgn) return true;
    if (a.handler == kSigDfl && p->pid == 1) return true;
    return a.handler == kSigDfl && default_action(sig) == Default::Ignore;
}

// Tree lock held (it also guards pending sets and the stop state in this kernel). False when a
// real-time signal from user space overflows RLIMIT_SIGPENDING (the sender gets EAGAIN).
bool enqueue_locked(Process* target, PendingSignals& ps, int sig, const KSigInfo* info) {
    if (sig < SIGRTMIN && (ps.set & sig_bit(sig))) return true;   // standard signals coalesce
    auto* q = new (std::nothrow) QueuedSignal();
    int code = info ? info->si_code : 0x80;
    bool override_limit = sig < SIGRTMIN && code >= 0;
    if (q && !sigqueue_charge(target, q, override_limit)) {
        delete q;
        q = nullptr;
        if (sig >= SIGRTMIN && code != SI_USER) return false;
    }
    ps.set |= sig_bit(sig);
    if (!q) return true;   // the bit stays set: delivered with minimal info (as Linux under pressure)
    if (info) {
        q->info = *info;
    } else {
        q->info = KSigInfo{};
        q->info.si_code = 0x80;   // SI_KERNEL
    }
    q->info.si_signo = sig;
    ps.queue.push_back(*q);
    signalfd_notify();
    return true;
}

// Linux's wants_signal: a stopped group takes nothing but SIGKILL until it is continued (the
// signal stays pending).
bool wants_signal(Thread* t, int sig) {
    if (t->exiting || (t->sigmask & sig_bit(sig))) return false;
    return sig == SIGKILL || !t->process->stopped;
}

// Default action kills, and no handler is set (Linux's sig_fatal).
bool sig_fatal(Process* p, int sig) {
    Default d = default_action(sig);
    return (d == Default::Term || d == Default::Core) && p->sighand->actions[sig - 1].handler == kSigDfl;
}

// Linux's complete_signal: picks the thread that will take the signal just queued (the one it
// was sent to, or for a process-directed signal the first thread that does not block it) and
// wakes it. A fatal signal someone can take ends the whole group at once, except core-dumping
// ones, which the taking thread turns into a group exit itself.
void complete_locked(Process* p, Thread* t, int sig) {
    if (sig == SIGKILL || sig == SIGCONT) p->stop_wait.wake_all();
    Thread* target = nullptr;
    if (t) {
        if (wants_signal(t, sig)) target = t;
    } else {
        for (Thread& th : p->threads)
            if (wants_signal(&th, sig)) {
                target = &th;
                break;
            }
    }
    if (!target) return;
    // A tracee's fatal signal goes through its signal-delivery-stop first (the tracer may cancel it).
    if (sig_fatal(p, sig) && !p->group_exiting && !(target->real_blocked & sig_bit(sig)) &&
        default_action(sig) != Default::Core && (sig == SIGKILL || !target->traced())) {
        p->group_exiting = true;
        p->group_exit_code = sig;
        signal_zap_threads_locked(p, nullptr);
        return;
    }
    sched_wake(target);
}

void continue_locked(Process* p) {
    ptrace_continue_locked(p);
    discard(p->shared_pending, kStopMask);
    for (Thread& t : p->threads) discard(t.pending, kStopMask);
    if (p->stopped) {
        p->stopped = false;
        p->continue_reported = false;
        p->stop_wait.wake_all();
        if (Process* parent = p->parent) {
            const KSigAction& a = parent->sighand->actions[SIGCHLD - 1];
            if (!(a.flags & SA_NOCLDSTOP)) {
                KSigInfo info{};
                info.si_signo = SIGCHLD;
                info.si_code = 6;   // CLD_CONTINUED
                info.chld.pid = p->pid;
                info.chld.uid = p->creds.uid;
                info.chld.status = SIGCONT;
                if (!ignored_for(nullptr, parent, SIGCHLD)) {
                    enqueue_locked(parent, parent->shared_pending, SIGCHLD, &info);
                    complete_locked(parent, nullptr, SIGCHLD);
                }
            }
            parent->child_events.wake_all();
        }
    }
}

bool send_locked(Process* p, Thread* t, int sig, const KSigInfo* info) {
    if (p->zombie || p->exiting || (t && t->exiting)) return true;
    if (sig == SIGCONT || sig == SIGKILL) continue_locked(p);
    if (is_stop(sig)) {
        discard(p->shared_pending, sig_bit(SIGCONT));
        for (Thread& th : p->threads) discard(th.pending, sig_bit(SIGCONT));
    }
    if (ignored_for(t, p, sig)) return true;
    if (!enqueue_locked(p, t ? t->pending : p->shared_pending, sig, info)) return false;
    complete_locked(p, t, sig);
    return true;
}

}  // namespace

bool sig_valid(int sig) { return sig >= 1 && sig <= kNumSignals; }

void queued_signal_free(QueuedSignal* q) {
    if (q->charged)
        if (UserSigCount* c = user_sig_count(q->charged_uid)) c->count.fetch_sub(1, std::memory_order_acq_rel);
    delete q;
}

void signal_retarget_locked(Process* p, SigSet sigs) {
    SigSet pending = p->shared_pending.set & sigs;
    for (int sig = 1; pending; sig++, pending >>= 1)
        if (pending & 1) complete_locked(p, nullptr, sig);
}

void signal_zap_threads_locked(Process* p, Thread* except) {
    p->stopped = false;   // a group exit ends a group stop (without a CLD_CONTINUED report)
    for (Thread& t : p->threads) {
        if (&t == except) continue;
        t.pending.set |= sig_bit(SIGKILL);   // no siginfo needed: nobody sees it
        sched_wake(&t);
    }
    p->stop_wait.wake_all();
}

void signal_discard_locked(Process* p, SigSet mask) {
    discard(p->shared_pending, mask);
    for (Thread& t : p->threads) discard(t.pending, mask);
}

bool signal_dequeue_locked(Thread* t, SigSet from, KSigInfo& out) {
    SigSet saved = t->sigmask;
    t->sigmask = ~from;   // only signals in `from` are eligible
    bool got = dequeue_locked(t, out);
    t->sigmask = saved;
    return got;
}

void signal_send_process_locked(Process* p, int sig, const KSigInfo* info) { send_locked(p, nullptr, sig, info); }

void signal_send_process(Process* p, int sig, const KSigInfo* info) {
    SpinlockGuard g(g_process_tree_lock);
    send_locked(p, nullptr, sig, info);
}

void signal_send_thread_locked(Thread* t, int sig, const KSigInfo* info) {
    if (t->process) send_locked(t->process, t, sig, info);
}

void signal_send_thread(Thread* t, int sig, const KSigInfo* info) {
    SpinlockGuard g(g_process_tree_lock);
    if (t->process) send_locked(t->process, t, sig, info);
}

static bool may_signal(Process* sender, Process* target, int sig) {
    const Credentials& s = sender->creds;
    const Credentials& d = target->creds;
    // linux: check_kill_permission(), kill_ok_by_cred().
    if (sig == SIGCONT && sender->sid == target->sid) return true;
    return s.euid == d.uid || s.euid == d.suid || s.uid == d.uid || s.uid == d.suid || s.has_cap(CAP_KILL);
}

Result<void> signal_send_pgrp(int pgid, int sig, const KSigInfo* info, bool check_perm) {
    Process* self = current_process();
    SpinlockGuard g(g_process_tree_lock);
    bool found = false, permitted = false;
    for_each_process_locked([&](Process& p) {
        if (p.pgid != pgid || p.zombie) return;
        found = true;
        if (check_perm && self && !may_signal(self, &p, sig)) return;
        permitted = true;
        if (sig) send_locked(&p, nullptr, sig, info);
    });
    if (!found) return Error(ESRCH);
    if (!permitted) return Error(EPERM);
    return {};
}

Result<void> signal_kill(int pid, int sig, const KSigInfo& info) {
    if (sig < 0 || sig > kNumSignals) return Error(EINVAL);
    Process* self = current_process();
    if (pid > 0) {
        SpinlockGuard g(g_process_tree_lock);
        Process* p = process_find_locked(pid);
        // Any thread's id names its process (Linux looks the task up, then signals its group).
        if (!p)
            if (Thread* th = thread_find_locked(pid)) p = th->process;
        if (!p) return Error(ESRCH);
        if (!may_signal(self, p, sig)) return Error(EPERM);
        if (sig && !send_locked(p, nullptr, sig, &info)) return Error(EAGAIN);
        return {};
    }
    if (pid == 0) return signal_send_pgrp(self->pgid, sig, &info, true);
    if (pid < -1) return signal_send_pgrp(-pid, sig, &info, true);
    // pid == -1: every process the sender may signal, except init and itself.
    SpinlockGuard g(g_process_tree_lock);
    bool any = false;
    for_each_process_locked([&](Process& p) {
        if (p.pid == 1 || &p == self || p.zombie || !may_signal(self, &p, sig)) return;
        any = true;
        if (sig) send_locked(&p, nullptr, sig, &info);
    });
    return any ? Result<void>() : Result<void>(Error(ESRCH));
}

bool signal_pending_current() {
    Thread* t = current_thread();
    if (!t || !t->process) return false;
    SigSet pend = t->pending.set | t->process->shared_pending.set;
    // A group stop under way also ends interruptible sleeps, so that every thread stops.
    return (pend & ~(t->sigmask & ~kUnblockable)) != 0 || t->process->stopped || t->ptrace_trap;
}

void signal_force_fault(int sig, int code, uptr addr) {
    KSigInfo info{};
    info.si_signo = sig;
    info.si_code = code;
    info.fault.addr = addr;
    signal_force(info);
}

void signal_force(const KSigInfo& info) {
    int sig = info.si_signo;
    if (sig < 1 || sig > kNumSignals) return;
    Thread* t = current_thread();
    SpinlockGuard g(g_process_tree_lock);
    Process* p = t->process;
    // A fault signal that is blocked or ignored cannot be delivered: Linux resets it to the
    // default action so the process dies instead of looping on the fault.
    KSigAction& a = p->sighand->actions[sig - 1];
    if ((t->sigmask & sig_bit(sig)) || a.handler == kSigIgn) {
        t->sigmask &= ~sig_bit(sig);
        a.handler = kSigDfl;
    }
    (void)enqueue_locked(t->process, t->pending, sig, &info);
}

namespace {

// Takes the next deliverable signal (lowest number; thread-directed first). Tree lock held.
bool dequeue_locked(Thread* t, KSigInfo& out) {
    SigSet allowed = ~(t->sigmask & ~kUnblockable);
    for (PendingSignals* ps : {&t->pending, &t->process->shared_pending}) {
        SigSet ready = ps->set & allowed;
        if (!ready) continue;
        int sig = __builtin_ctzll(ready) + 1;
        // Synchronous faults first, as Linux does.
        for (int s : {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS})
            if (ready & sig_bit(s)) {
                sig = s;
                break;
            }
        QueuedSignal* found = nullptr;
        bool more = false;
        for (QueuedSignal& q : ps->queue) {
            if (q.info.si_signo != sig) continue;
            if (!found) found = &q;
            else {
                more = true;
                break;
            }
        }
        if (found) {
            out = found->info;
            ps->queue.remove(*found);
            queued_signal_free(found);
            if (out.si_code == SI_TIMER) posix_timer_dequeued_locked(t->process, out);
        } else {
            out = KSigInfo{};
            out.si_signo = sig;
            out.si_code = 0x80;
        }
        if (!more) ps->set &= ~sig_bit(sig);
        return true;
    }
    return false;
}

void do_stop(Process* p, int sig) {
    {
        SpinlockGuard g(g_process_tree_lock);
        if (p->group_exiting) return;
        p->stopped = true;
        // The other threads stop on their way back to user mode (interruptible sleeps end).
        for (Thread& th : p->threads)
            if (&th != current_thread()) sched_wake(&th);
        p->stop_signal = sig;
        p->stop_reported = false;
        p->continue_reported = true;
        if (Process* parent = p->parent) {
            const KSigAction& a = parent->sighand->actions[SIGCHLD - 1];
            if (!(a.flags & SA_NOCLDSTOP) && !ignored_for(nullptr, parent, SIGCHLD)) {
                KSigInfo info{};
                info.si_signo = SIGCHLD;
                info.si_code = 5;   // CLD_STOPPED
                info.chld.pid = p->pid;
                info.chld.uid = p->creds.uid;
                info.chld.status = sig;
                enqueue_locked(parent, parent->shared_pending, SIGCHLD, &info);
                complete_locked(parent, nullptr, SIGCHLD);
            }
            parent->child_events.wake_all();
        }
    }
    // Attaching a tracer also ends the wait: the thread then stops as a tracee.
    p->stop_wait.wait_until([&] {
        SpinlockGuard g(g_process_tree_lock);
        return !p->stopped || current_thread()->traced() ||
               (current_thread()->pending.set | p->shared_pending.set) & sig_bit(SIGKILL);
    });
}

// The action for a signal about to be delivered (SA_RESETHAND takes effect). Tree lock held.
KSigAction take_action_locked(Process* p, int sig) {
    KSigAction act = p->sighand->actions[sig - 1];
    if (act.handler != kSigDfl && act.handler != kSigIgn && (act.flags & SA_RESETHAND))
        p->sighand->actions[sig - 1].handler = kSigDfl;
    return act;
}

u64 pick_stack(Thread* t, const KSigAction& a, u64 sp, bool& on_alt) {
    on_alt = false;
    bool already_on = t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size;
    if ((a.flags & SA_ONSTACK) && t->altstack_size && !(t->altstack_flags & SS_DISABLE) && !already_on) {
        on_alt = true;
        return t->altstack_sp + t->altstack_size;
    }
    return sp - 128;   // skip the red zone
}

// Builds the rt_sigframe and points the frame at the handler. False when the user stack is bad.
bool setup_frame(Thread* t, TrapFrame* f, const KSigAction& a, const KSigInfo& info) {
    bool on_alt;
    u64 sp = pick_stack(t, a, f->rsp, on_alt);
    usize fpsize = arch::fpu_state_size();
    u64 fp_addr = align_down(sp - fpsize - 4, 64);
    u64 frame_addr = align_down(fp_addr - sizeof(RtSigframe), 16) - 8;

    arch::fpu_save(t->fpu);
    auto* img = static_cast<u8*>(arch::fpu_bytes(t->fpu));
    // Tell user space (and our sigreturn) how big the extended state is: Linux's _fpx_sw_bytes.
    struct SwBytes {
        u32 magic1, extended_size;
        u64 xfeatures;
        u32 xstate_size;
        u32 padding[7];
    } sw{0x46505853u, static_cast<u32>(fpsize + 4), 0x7, static_cast<u32>(fpsize), {}};
    __builtin_memcpy(img + 464, &sw, sizeof(sw));
    if (copy_to_user(fp_addr, img, fpsize).is_error()) return false;
    u32 magic2 = 0x46505845u;
    if (copy_to_user(fp_addr + fpsize, &magic2, 4).is_error()) return false;

    RtSigframe fr{};
    fr.pretcode = a.restorer;
    fr.uc.uc_flags = UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    fr.uc.uc_link = nullptr;
    fr.uc.uc_stack.ss_sp = reinterpret_cast<void*>(t->altstack_sp);
    fr.uc.uc_stack.ss_size = t->altstack_size;
    bool was_on = t->altstack_size && f->rsp > t->altstack_sp && f->rsp <= t->altstack_sp + t->altstack_size;
    fr.uc.uc_stack.ss_flags = t->altstack_size ? (was_on ? SS_ONSTACK : (t->altstack_flags & SS_DISABLE)) : SS_DISABLE;
    struct sigcontext& sc = fr.uc.uc_mcontext;
    sc.r8 = f->r8; sc.r9 = f->r9; sc.r10 = f->r10; sc.r11 = f->r11;
    sc.r12 = f->r12; sc.r13 = f->r13; sc.r14 = f->r14; sc.r15 = f->r15;
    sc.rdi = f->rdi; sc.rsi = f->rsi; sc.rbp = f->rbp; sc.rbx = f->rbx;
    sc.rdx = f->rdx; sc.rax = f->rax; sc.rcx = f->rcx; sc.rsp = f->rsp;
    sc.rip = f->rip; sc.eflags = f->rflags; sc.cs = kUserCs; sc.ss = kUserSs;
    sc.err = f->vector < 32 ? f->error_code : 0;
    sc.trapno = f->vector < 32 ? f->vector : 0;
    sc.oldmask = t->sigmask;
    sc.cr2 = (info.si_signo == SIGSEGV || info.si_signo == SIGBUS) ? info.fault.addr : 0;
    sc.fpstate = reinterpret_cast<struct _fpstate*>(fp_addr);
    fr.uc.uc_sigmask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
    fr.info = info;
    if (copy_to_user(frame_addr, &fr, sizeof(fr)).is_error()) return false;

    f->rsp = frame_addr;
    f->rip = a.handler;
    f->rdi = static_cast<u64>(info.si_signo);
    f->rsi = frame_addr + offsetof(RtSigframe, info);
    f->rdx = frame_addr + offsetof(RtSigframe, uc);
    f->rax = 0;
    f->rflags &= ~((1u << 10) | (1u << 8));   // DF and TF clear in the handler, as Linux
    f->cs = kUserCs;
    f->ss = kUserSs;
    // The handler starts with a clean FPU state (Linux: fpu__clear_user_states).
    arch::fpu_reset_current(t->fpu);
    t->restore_sigmask = false;
    return true;
}

void handle_restart(TrapFrame* f, const KSigAction* a) {
    if (f->vector != 0x80) return;
    i64 ret = static_cast<i64>(f->rax);
    if (ret != -kErestartSys && ret != -kErestartNoIntr && ret != -kErestartNoHand && ret != -kErestartRestartBlock)
        return;
    bool restart;
    if (!a) restart = true;   // no handler runs: restart transparently
    else if (ret == -kErestartNoIntr) restart = true;
    else if (ret == -kErestartSys) restart = a->flags & SA_RESTART;
    else restart = false;
    if (restart) {
        f->rax = ret == -kErestartRestartBlock ? 219 /* __NR_restart_syscall */ : f->error_code;
        f->rip -= 2;   // back over the syscall instruction
    } else {
        f->rax = static_cast<u64>(-EINTR);
    }
}

}  // namespace

// Called with interrupts disabled (by return_to_user, when its check found work), returns with
// them disabled: the final check that nothing is left to do happens with interrupts off, and they
// stay off until iretq/sysret (Linux's exit_to_user_mode_loop). The work runs with interrupts on.
void return_to_user_work(TrapFrame* f) {
    Thread* t = current_thread();
    arch::irq_enable();
    for (;;) {
        PerCpu* cpu = this_cpu();
        if (cpu->need_resched) schedule();
        Process* p = t->process;
        if (!p) return;
        if (unlikely(t->rseq_pending) && !rseq_resume(t, f, true)) signal_force_fault(SIGSEGV, SI_KERNEL, 0);
        // A tracee's stops are ptrace-stops (core/ptrace.cpp), taken below.
        if (unlikely(t->ptrace_trap)) ptrace_interrupt_trap();
        if (p->stopped && !t->traced()) {
            p->stop_wait.wait_until([&] {
                SpinlockGuard g(g_process_tree_lock);
                return !p->stopped || ((t->pending.set | p->shared_pending.set) & sig_bit(SIGKILL));
            });
        }
        KSigInfo info;
        KSigAction act{};
        bool killed, traced = false;
        {
            SpinlockGuard g(g_process_tree_lock);
            // A group exit (or another thread's execve) sent SIGKILL: no handler runs first.
            killed = t->pending.set & sig_bit(SIGKILL);
            if (!killed) {
                if (!dequeue_locked(t, info)) break;
                traced = t->traced() && info.si_signo != SIGKILL;
                if (likely(!traced)) act = take_action_locked(p, info.si_signo);
            }
        }
        if (killed) thread_do_exit(SIGKILL, true);
        // linux: ptrace_signal(): the tracer sees the signal first and picks what is delivered.
        if (unlikely(traced)) {
            if (!ptrace_signal(info)) continue;
            SpinlockGuard g(g_process_tree_lock);
            act = take_action_locked(p, info.si_signo);
        }
        int sig = info.si_signo;
        if (act.handler == kSigIgn) {
            continue;
        }
        if (act.handler == kSigDfl) {
            Default d = default_action(sig);
            if (d == Default::Ignore || d == Default::Cont) {
                continue;
            }
            if (d == Default::Stop) {
                bool orphan;
                {
                    SpinlockGuard g(g_process_tree_lock);
                    orphan = sig != SIGSTOP && pgrp_orphaned_locked(p->pgid);
                }
                if (orphan) continue;
                if (t->traced()) ptrace_group_stop(sig);
                else do_stop(p, sig);
                continue;
            }
            int status = sig;
            if (d == Default::Core && p->rlimits[RLIMIT_CORE].cur != 0) status |= 0x80;
            thread_do_exit(status, true);
        }
        handle_restart(f, &act);
        // linux: rseq_signal_deliver(): the frame saves the abort handler, not the section.
        if (t->rseq_area && !rseq_resume(t, f, true)) thread_do_exit(SIGSEGV, true);
        if (!setup_frame(t, f, act, info)) {
            // Could not write the frame: Linux kills with SIGSEGV.
            thread_do_exit(SIGSEGV, true);
        }
        SigSet add = act.mask;
        if (!(act.flags & SA_NODEFER)) add |= sig_bit(sig);
        t->sigmask = (t->sigmask | add) & ~kUnblockable;
        break;
    }
    // No handler ran for a restartable syscall result: restart it (or report EINTR).
    if (f->vector == 0x80) handle_restart(f, nullptr);
    if (t->restore_sigmask) {
        t->sigmask = t->saved_sigmask;
        t->restore_sigmask = false;
    }
    // Anything that arrived while we worked (a reschedule, another signal) is taken again from
    // the top, with interrupts off for the final check.
    arch::irq_disable();
    return_to_user(f, f->vector == 0x80, static_cast<i64>(f->rax));
}

void signal_raise_sigpipe() {
    Thread* t = current_thread();
    if (!t || !t->process) return;
    KSigInfo info{};
    info.si_signo = SIGPIPE;
    info.si_code = SI_USER;
    info.kill.pid = t->process->pid;
    info.kill.uid = t->process->creds.uid;
    signal_send_thread(t, SIGPIPE, &info);
}

Result<void> signal_sigreturn(TrapFrame* f) {
    Thread* t = current_thread();
    uptr uc_addr = f->rsp;   // the handler's ret popped pretcode
    struct ucontext uc;
    TRY(copy_from_user(&uc, uc_addr, sizeof(uc)));
    const struct sigcontext& sc = uc.uc_mcontext;
    if (sc.rip >= kUserSpaceEnd || sc.rsp >= kUserSpaceEnd) return Error(EFAULT);
    f->r8 = sc.r8; f->r9 = sc.r9; f->r10 = sc.r10; f->r11 = sc.r11;
    f->r12 = sc.r12; f->r13 = sc.r13; f->r14 = sc.r14; f->r15 = sc.r15;
    f->rdi = sc.rdi; f->rsi = sc.rsi; f->rbp = sc.rbp; f->rbx = sc.rbx;
    f->rdx = sc.rdx; f->rax = sc.rax; f->rcx = sc.rcx; f->rsp = sc.rsp;
    f->rip = sc.rip;
    f->rflags = (f->rflags & ~kUserFlagsMask) | (sc.eflags & kUserFlagsMask) | (1u << 9);
    f->cs = kUserCs;
    f->ss = kUserSs;
    f->vector = 0;   // no syscall restart processing for the restored context
    t->sigmask = uc.uc_sigmask & ~kUnblockable;
    if (sc.fpstate) {
        // Written in place, with the thread's registers marked dead until the image is loaded
        // (a switch meanwhile neither saves over the buffer nor loads it half-written).
        usize size = arch::fpu_state_size();
        auto* img = static_cast<u8*>(arch::fpu_bytes(t->fpu));
        t->fpu_live = false;
        auto load = [&](bool reset) {
            arch::IrqState s = arch::irq_save();
            if (reset) arch::fpu_reset_current(t->fpu);
            else arch::fpu_restore(t->fpu);
            t->fpu_live = true;
            arch::irq_restore(s);
        };
        if (copy_from_user(img, reinterpret_cast<uptr>(sc.fpstate), size).is_error()) {
            load(true);
            return Error(EFAULT);
        }
        // Sanitise what xrstor/fxrstor would fault on: reserved MXCSR bits, the XSAVE header.
        u32 mxcsr;
        __builtin_memcpy(&mxcsr, img + 24, 4);
        mxcsr &= 0xFFBF;
        __builtin_memcpy(img + 24, &mxcsr, 4);
        if (size > 512 + 64) {
            u64 hdr[8];
            __builtin_memcpy(hdr, img + 512, sizeof(hdr));
            hdr[0] &= 0xE7;   // XSTATE_BV: only the user states we enable
            for (int i = 1; i < 8; i++) hdr[i] = 0;
            __builtin_memcpy(img + 512, hdr, sizeof(hdr));
        }
        load(false);
    }
    // Restore the alternate stack settings too (Linux's restore_altstack).
    t->frame_replaced = true;
    return {};
}
