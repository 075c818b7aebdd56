// SPDX-License-Identifier: MIT
// rt_sigaction and friends, kill/tkill/tgkill, sigaltstack, pause, sigsuspend, sigtimedwait,
// alarm and interval timers.
#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "core/time.h"
#include "core/timers.h"
#include "syscalls/handlers.h"

namespace {

KSigInfo user_info(int sig, int code) {
    KSigInfo info{};
    info.si_signo = sig;
    info.si_code = code;
    info.kill.pid = current_process()->pid;
    info.kill.uid = current_process()->creds.uid;
    return info;
}

bool default_ignored(int sig) { return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH; }

// A wait queue nobody wakes: sleeping on it ends only by a signal or a deadline.
WaitQueue& sleep_queue() {
    static WaitQueue q;
    return q;
}
}  // namespace

SyscallResult sys_rt_sigaction(int sig, UserPtr<const void> act, UserPtr<void> oldact, usize sigsetsize) {
    if (sigsetsize != sizeof(SigSet)) return Error(EINVAL);
    if (!sig_valid(sig)) return Error(EINVAL);
    KSigAction newa{};
    if (!act.is_null()) {
        TRY(copy_from_user(&newa, act.addr(), sizeof(newa)));
        if (sig == SIGKILL || sig == SIGSTOP) return Error(EINVAL);
    }
    Process* p = current_process();
    KSigAction old;
    {
        SpinlockGuard g(g_process_tree_lock);
        KSigAction& cur = p->sighand->actions[sig - 1];
        old = cur;
        if (!act.is_null()) {
            newa.mask &= ~kUnblockable;
            cur = newa;
            if (newa.handler == 1 || (newa.handler == 0 && default_ignored(sig))) signal_discard_locked(p, sig_bit(sig));
        }
    }
    if (!oldact.is_null()) TRY(copy_to_user(oldact.addr(), &old, sizeof(old)));
    return 0;
}

SyscallResult sys_rt_sigprocmask(int how, UserPtr<const u64> set, UserPtr<u64> oldset, usize sigsetsize) {
    if (sigsetsize != sizeof(SigSet)) return Error(EINVAL);
    Thread* t = current_thread();
    SigSet old = t->sigmask;
    if (!set.is_null()) {
        SigSet s = TRY(copy_from_user(set));
        SigSet m = old;
        switch (how) {
        case SIG_BLOCK: m |= s; break;
        case SIG_UNBLOCK: m &= ~s; break;
        case SIG_SETMASK: m = s; break;
        default: return Error(EINVAL);
        }
        SpinlockGuard g(g_process_tree_lock);
        t->sigmask = m & ~kUnblockable;
        // Process-directed signals this thread now blocks go to a thread that takes them.
        if (SigSet newly = t->sigmask & ~old) signal_retarget_locked(t->process, newly);
    }
    if (!oldset.is_null()) TRY(copy_to_user(oldset, old));
    return 0;
}

SyscallResult sys_rt_sigreturn() {
    TrapFrame* f = current_thread()->user_frame;
    if (signal_sigreturn(f).is_error()) {
        // A corrupt frame: Linux kills the process with SIGSEGV.
        signal_force_fault(SIGSEGV, SI_KERNEL, 0);
        current_thread()->frame_replaced = true;
        return 0;
    }
    return static_cast<i64>(f->rax);
}

SyscallResult sys_rt_sigpending(UserPtr<u64> set, usize sigsetsize) {
    if (sigsetsize > sizeof(SigSet)) return Error(EINVAL);
    Thread* t = current_thread();
    SigSet pend;
    {
        SpinlockGuard g(g_process_tree_lock);
        pend = (t->pending.set | t->process->shared_pending.set) & t->sigmask;
    }
    TRY(copy_to_user(set.addr(), &pend, sigsetsize));
    return 0;
}

SyscallResult sys_rt_sigsuspend(UserPtr<const u64> mask, usize sigsetsize) {
    if (sigsetsize != sizeof(SigSet)) return Error(EINVAL);
    SigSet m = TRY(copy_from_user(mask));
    Thread* t = current_thread();
    t->saved_sigmask = t->sigmask;
    t->restore_sigmask = true;
    t->sigmask = m & ~kUnblockable;
    (void)sleep_queue().wait_interruptible([] { return false; });
    return Error(ERESTARTNOHAND);
}

SyscallResult sys_pause() {
    (void)sleep_queue().wait_interruptible([] { return false; });
    return Error(ERESTARTNOHAND);
}

SyscallResult sys_rt_sigtimedwait(UserPtr<const u64> set, UserPtr<void> info, UserPtr<const void> timeout,
                                  usize sigsetsize) {
    if (sigsetsize != sizeof(SigSet)) return Error(EINVAL);
    SigSet want = TRY(copy_from_user(set)) & ~kUnblockable;
    u64 deadline = 0;
    if (!timeout.is_null()) {
        struct __kernel_timespec ts;
        TRY(copy_from_user(&ts, timeout.addr(), sizeof(ts)));
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1'000'000'000) return Error(EINVAL);
        deadline = monotonic_ns() + static_cast<u64>(ts.tv_sec) * 1'000'000'000ull + static_cast<u64>(ts.tv_nsec);
        if (deadline == 0) deadline = 1;
    }
    Thread* t = current_thread();
    KSigInfo got{};
    bool have = false;
    auto take = [&] {
        SpinlockGuard g(g_process_tree_lock);
        have = signal_dequeue_locked(t, want, got);
        return have;
    };
    if (!take()) {
        // Wait with the wanted signals temporarily unblocked for wakeup purposes only.
        SigSet saved = t->sigmask;
        {
            SpinlockGuard g(g_process_tree_lock);
            t->real_blocked = saved;
            t->sigmask &= ~want;
        }
        auto r = sleep_queue().wait_interruptible([&] { return take(); }, timeout.is_null() ? 0 : deadline);
        {
            SpinlockGuard g(g_process_tree_lock);
            t->sigmask = saved;
            t->real_blocked = 0;
        }
        if (!have) {
            if (r.is_error()) return Error(EINTR);
            return Error(EAGAIN);
        }
    }
    if (!info.is_null()) TRY(copy_to_user(info.addr(), &got, sizeof(got)));
    return got.si_signo;
}

SyscallResult sys_rt_sigqueueinfo(int pid, int sig, UserPtr<const void> uinfo) {
    KSigInfo info;
    TRY(copy_from_user(&info, uinfo.addr(), sizeof(info)));
    // Only the kernel may claim kernel-generated codes for another process.
    if ((info.si_code >= 0 || info.si_code == -6 /* SI_TKILL */) && pid != current_process()->pid) return Error(EPERM);
    info.si_signo = sig;
    TRY(signal_kill(pid, sig, info));
    return 0;
}

SyscallResult sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, UserPtr<const void> uinfo) {
    KSigInfo info;
    TRY(copy_from_user(&info, uinfo.addr(), sizeof(info)));
    if ((info.si_code >= 0 || info.si_code == -6) && tgid != current_process()->pid) return Error(EPERM);
    if (!sig_valid(sig) && sig != 0) return Error(EINVAL);
    if (tgid <= 0 || tid <= 0) return Error(EINVAL);
    info.si_signo = sig;
    Thread* t;
    {
        SpinlockGuard g(g_process_tree_lock);
        t = thread_find_locked(tid);
        if (!t || !t->process || t->process->pid != tgid) return Error(ESRCH);
        t->ref();
    }
    if (sig) signal_send_thread(t, sig, &info);
    t->unref();
    return 0;
}

SyscallResult sys_kill(int pid, int sig) {
    if (pid == INT32_MIN) return Error(ESRCH);
    TRY(signal_kill(pid, sig, user_info(sig, SI_USER)));
    return 0;
}

static SyscallResult do_tkill(int tgid, int tid, int sig) {
    if (tid <= 0 || (sig != 0 && !sig_valid(sig)) || sig < 0) return Error(EINVAL);
    Thread* t;
    {
        SpinlockGuard g(g_process_tree_lock);
        t = thread_find_locked(tid);
        if (!t || !t->process || (tgid > 0 && t->process->pid != tgid)) return Error(ESRCH);
        t->ref();
    }
    if (sig) {
        KSigInfo info = user_info(sig, SI_TKILL);
        signal_send_thread(t, sig, &info);
    }
    t->unref();
    return 0;
}

SyscallResult sys_tkill(int tid, int sig) { return do_tkill(-1, tid, sig); }
SyscallResult sys_tgkill(int tgid, int tid, int sig) {
    if (tgid <= 0) return Error(EINVAL);
    return do_tkill(tgid, tid, sig);
}

SyscallResult sys_sigaltstack(UserPtr<const void> uss, UserPtr<void> uold) {
    Thread* t = current_thread();
    uptr sp = t->user_frame->rsp;
    bool on = t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size;
    stack_t old{};
    old.ss_sp = reinterpret_cast<void*>(t->altstack_sp);
    old.ss_size = t->altstack_size;
    old.ss_flags = on ? SS_ONSTACK : (t->altstack_size ? (t->altstack_flags & SS_AUTODISARM) : SS_DISABLE);
    if (!uss.is_null()) {
        stack_t ss;
        TRY(copy_from_user(&ss, uss.addr(), sizeof(ss)));
        if (on) return Error(EPERM);
        int mode = ss.ss_flags & ~SS_AUTODISARM;
        if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) return Error(EINVAL);
        if (mode == SS_DISABLE) {
            t->altstack_sp = 0;
            t->altstack_size = 0;
            t->altstack_flags = SS_DISABLE;
        } else {
            if (ss.ss_size < MINSIGSTKSZ) return Error(ENOMEM);
            t->altstack_sp = reinterpret_cast<u64>(ss.ss_sp);
            t->altstack_size = ss.ss_size;
            t->altstack_flags = static_cast<u32>(ss.ss_flags & SS_AUTODISARM);
        }
    }
    if (!uold.is_null()) TRY(copy_to_user(uold.addr(), &old, sizeof(old)));
    return 0;
}

SyscallResult sys_alarm(u32 seconds) {
    ItimerValue prev = MUST(itimer_set(current_process(), ITIMER_REAL, static_cast<u64>(seconds) * 1'000'000'000ull, 0));
    // alarm(2) reports whole seconds: rounded up from half a second, and never 0 while pending.
    i64 secs = static_cast<i64>(prev.value_ns / 1'000'000'000ull);
    u64 usec = prev.value_ns % 1'000'000'000ull / 1000;
    if (usec >= 500'000 || (secs == 0 && prev.value_ns)) secs++;
    return secs;
}

SyscallResult sys_setitimer(int which, UserPtr<const void> value, UserPtr<void> old) {
    struct __kernel_old_itimerval nv{}, ov{};
    if (!value.is_null()) TRY(copy_from_user(&nv, value.addr(), sizeof(nv)));
    auto check = [](const __kernel_old_timeval& tv) { return tv.tv_usec >= 0 && tv.tv_usec < 1'000'000 && tv.tv_sec >= 0; };
    if (!check(nv.it_value) || !check(nv.it_interval)) return Error(EINVAL);
    auto ns = [](const __kernel_old_timeval& tv) { return static_cast<u64>(tv.tv_sec) * 1'000'000'000ull + static_cast<u64>(tv.tv_usec) * 1000; };
    ItimerValue prev = TRY(itimer_set(current_process(), which, ns(nv.it_value), ns(nv.it_interval)));
    ov.it_value.tv_sec = static_cast<long>(prev.value_ns / 1'000'000'000ull);
    ov.it_value.tv_usec = static_cast<long>((prev.value_ns % 1'000'000'000ull + 999) / 1000);
    ov.it_interval.tv_sec = static_cast<long>(prev.interval_ns / 1'000'000'000ull);
    ov.it_interval.tv_usec = static_cast<long>(prev.interval_ns % 1'000'000'000ull / 1000);
    if (!old.is_null()) TRY(copy_to_user(old.addr(), &ov, sizeof(ov)));
    return 0;
}

SyscallResult sys_getitimer(int which, UserPtr<void> value) {
    ItimerValue cur = TRY(itimer_get(current_process(), which));
    struct __kernel_old_itimerval v{};
    v.it_value.tv_sec = static_cast<long>(cur.value_ns / 1'000'000'000ull);
    v.it_value.tv_usec = static_cast<long>((cur.value_ns % 1'000'000'000ull + 999) / 1000);
    v.it_interval.tv_sec = static_cast<long>(cur.interval_ns / 1'000'000'000ull);
    v.it_interval.tv_usec = static_cast<long>(cur.interval_ns % 1'000'000'000ull / 1000);
    TRY(copy_to_user(value.addr(), &v, sizeof(v)));
    return 0;
}
