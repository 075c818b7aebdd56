// SPDX-License-Identifier: MIT
// ptrace(2) as Linux 6.1 does it: the hooks other parts of the kernel call (syscall entry and
// exit, signal delivery, clone, exec, exit, wait) and the stop/resume protocol between a tracee
// and its tracer. The requests themselves are in core/ptrace_requests.cpp, the register layout in
// arch/x86_64/ptrace_regs.cpp. Tracers are processes here (Linux: threads; only the thread that
// attached may make requests there; any thread of the tracer's group may here).
#pragma once

#include "core/process.h"
#include "core/process_lifecycle.h"

struct TrapFrame;

// ---- the tracee's side (called by the traced thread itself, no lock held) ----

// Syscall-enter stop; false when the tracer asked to skip the call (orig_rax -1 or the tracee
// was killed). The tracer may have changed the number and the arguments in f.
bool ptrace_syscall_entry(TrapFrame* f);
// Syscall-exit stop (and the single-step trap after a syscall).
void ptrace_syscall_exit(TrapFrame* f);
// Signal-delivery-stop for info (dequeued, not SIGKILL). Returns the signal to deliver (0: none),
// with info rewritten when the tracer changed it.
int ptrace_signal(KSigInfo& info);
// A default-stop signal reached a traced thread: the group-stop as a ptrace-stop.
void ptrace_group_stop(int sig);
// PTRACE_INTERRUPT's trap on the way back to user mode.
void ptrace_interrupt_trap();
// PTRACE_EVENT_* stop when the tracer asked for that event (man 2 ptrace, PTRACE_O_TRACE*).
bool ptrace_event_enabled(const Thread* t, int event);
void ptrace_event(int event, u64 msg);
// do_exit's PTRACE_EVENT_EXIT (message: the wait status), also for a thread being killed.
void ptrace_exit_event(int wait_status);
// After a successful execve: PTRACE_EVENT_EXEC, or a SIGTRAP for a PTRACE_ATTACH/TRACEME tracee.
void ptrace_exec_done(int old_tid);
// fork/vfork/clone: which event the caller reports (0 none), and under the tree lock the new
// thread's attachment to the caller's tracer.
int ptrace_clone_event(u64 clone_flags, int exit_signal);
void ptrace_attach_child_locked(Thread* child, int event, bool clone_ptrace);

// ---- lifecycle ----

// Tree lock held: a traced thread left its group (exit_status as a wait status). The tracer is
// told, and reaps it through wait unless it is also the parent (then the usual report does).
void ptrace_thread_exited_locked(Thread* t, int exit_status);
// The tracer process is exiting: every tracee is detached (or killed with PTRACE_O_EXITKILL).
void ptrace_tracer_exit(Process* tracer);
// Tree lock held: SIGCONT reached p: listening tracees re-trap, group-stops end.
void ptrace_continue_locked(Process* p);
// Tree lock held: the pid of t's tracer (TracerPid), 0 when untraced.
int ptrace_tracer_pid_locked(const Thread* t);

// ---- wait ----

// Tree lock held: a stop or an exit of one of self's tracees that wait may report (WSTOPPED is
// implied for tracees). matched is set when some tracee matches pid_spec and options.
bool ptrace_wait_scan_locked(Process* self, int pid_spec, int options, WaitResult& out, bool& matched,
                             Thread*& reaped);
// Tree lock held: whether a zombie c must wait for its tracer to reap its leader first.
bool ptrace_zombie_held_locked(Process& c);
// Tree lock held: a tracee matching the wait has something to report; matched is set when any
// tracee matches pid_spec at all.
bool ptrace_wait_ready_locked(Process* self, int pid_spec, int options, bool& matched);
