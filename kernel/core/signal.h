// SPDX-License-Identifier: MIT
// Signal generation and delivery (man 7 signal): default actions, masks, queued real-time
// signals, handlers entered through a Linux-identical rt_sigframe, job-control stops.
#pragma once

#include "abi/linux/uapi.h"
#include "core/percpu.h"
#include "core/process.h"

struct TrapFrame;

// Kernel-internal "restart the syscall" codes (Linux's values); never reach user space.
constexpr int kErestartSys = 512;
constexpr int kErestartNoIntr = 513;
constexpr int kErestartNoHand = 514;
constexpr int kErestartRestartBlock = 516;

// Sends to a process (any thread that does not block it handles it). info may be null
// (SI_KERNEL is filled in). Tree lock must not be held (the _locked variant requires it).
void signal_send_process(Process* p, int sig, const KSigInfo* info);
void signal_send_process_locked(Process* p, int sig, const KSigInfo* info);
void signal_send_thread(Thread* t, int sig, const KSigInfo* info);
void signal_send_thread_locked(Thread* t, int sig, const KSigInfo* info);
// kill(2) semantics for pid > 0, 0, -1, < -1 with permission checks. Returns ESRCH/EPERM.
Result<void> signal_kill(int pid, int sig, const KSigInfo& info);
Result<void> signal_send_pgrp(int pgid, int sig, const KSigInfo* info, bool check_perm);

bool signal_pending_current();
// Faults from user mode become signals with the right si_code and si_addr.
void signal_force_fault(int sig, int code, uptr addr);
// A synchronous signal to the calling thread (a fault, seccomp's SIGSYS): when blocked or ignored
// it is unblocked and reset to the default action, as Linux's force_sig_info.
void signal_force(const KSigInfo& info);
// SIGPIPE to the calling thread for a write to a pipe or socket with no reader (linux:
// send_sig(SIGPIPE, current, 0)); kernel threads only see EPIPE.
void signal_raise_sigpipe();

// SIGKILL and SIGSTOP: never blocked, ignored or caught.
constexpr SigSet kUnblockable = sig_bit(SIGKILL) | sig_bit(SIGSTOP);

// Called on every return to user mode (syscalls, interrupts, exceptions), interrupts disabled.
// The check is inline (every syscall makes it); the work is out of line.
void return_to_user_work(TrapFrame* f);
inline void return_to_user(TrapFrame* f, bool syscall, i64 ret) {
    Thread* t = current_thread();
    Process* p = t->process;
    // Nothing to deliver, no stop, no reschedule, no restart code, no mask to restore. Pending
    // sets are read without the lock: a signal that races in also wakes or interrupts the
    // thread, which brings it back here.
    bool restart_code = syscall && ret <= -kErestartSys && ret >= -kErestartRestartBlock;
    if (likely(!this_cpu()->need_resched && p && !p->stopped && !restart_code && !t->return_work &&
               !((t->pending.set | p->shared_pending.set) & ~(t->sigmask & ~kUnblockable))))
        return;
    return_to_user_work(f);
}
// rt_sigreturn: restores the frame saved at signal delivery.
Result<void> signal_sigreturn(TrapFrame* f);

bool sig_valid(int sig);
// Tree lock held: wakes a thread for each process-directed signal in sigs that is pending (a
// thread just blocked them or left: Linux's retarget_shared_pending).
void signal_retarget_locked(Process* p, SigSet sigs);
// Tree lock held: SIGKILL to every thread of p but `except` (group exit, execve's de_thread),
// ending a group stop.
void signal_zap_threads_locked(Process* p, Thread* except);
// Tree lock held: drop pending instances of the signals in mask (e.g. a handler set to SIG_IGN).
void signal_discard_locked(Process* p, SigSet mask);
// Tree lock held: take a pending signal from the set `from` regardless of the mask (sigtimedwait).
bool signal_dequeue_locked(Thread* t, SigSet from, KSigInfo& out);
