// SPDX-License-Identifier: MIT
// Creating, forking, exiting and reaping processes and threads.
#pragma once

#include "core/process.h"
#include "lib/result.h"

struct TrapFrame;
class Cgroup;

// The first user process: turns the calling kernel thread into pid 1. Never returns on success
// (it enters user mode).
Result<void> process_start_init(const char* path, const char* const* argv, const char* const* envp);

struct CloneArgs {
    u64 flags;          // CLONE_* without the exit signal
    u64 stack;          // new user stack pointer (the top), 0 = same as parent
    uptr parent_tid;
    uptr child_tid;
    u64 tls;
    int exit_signal;
    uptr pidfd = 0;     // CLONE_PIDFD's target (clone3); parent_tid for clone
    int set_tid = 0;    // clone3: the pid the child must get (0 = any)
    Cgroup* into_cgroup = nullptr;   // clone3's CLONE_INTO_CGROUP (checked, held by the caller)
};
// fork/vfork/clone/clone3 after the syscall-specific checks: returns the child's pid/tid in
// the caller. With CLONE_THREAD the new thread joins the caller's group.
Result<int> process_clone(const CloneArgs& args, TrapFrame* parent_frame);

// Ends the calling thread (exit) or its whole group (exit_group, fatal signals: the other
// threads get SIGKILL). When the last thread is gone the process becomes a zombie and its parent
// is told. wait_status is a wait status, e.g. (code & 0xff) << 8, or a signal number.
[[noreturn]] void thread_do_exit(int wait_status, bool whole_group);

// execve's de_thread: kills the other threads of the caller's group and waits until they are
// gone; a non-leader caller then takes over the leader's tid (the pid). EAGAIN when the group
// is already exiting or killed meanwhile (the pending SIGKILL then ends the caller).
Result<void> thread_group_exec_prepare();

// wait4/waitid core. pid as wait4's; returns the pid reaped/reported, 0 for WNOHANG with
// nothing ready, ECHILD when no child matches.
struct WaitResult {
    int pid;
    int status;        // wait4 encoding
    int code;          // waitid si_code (CLD_EXITED, ...)
    int child_status;  // waitid si_status
    u32 uid;
    u64 utime_ns, stime_ns;
    u64 maxrss_kb;
};
Result<WaitResult> process_wait(int pid_spec, int options, bool waitid_style);
// waitid's si_code (CLD_EXITED, CLD_KILLED, CLD_DUMPED) and si_status for an exit wait status.
void wait_result_fill_exit_codes(int status, int& code, int& child_status);

// Notifies the parent that p stopped or continued (SIGCHLD, wakeups).
void process_notify_parent_stop(Process* p, bool continued, int sig);

// vfork: the parent sleeps in thread_vfork_wait until the child thread calls
// thread_vfork_done (it exec'd or exited), as Linux's vfork_done completion.
void thread_vfork_wait(Thread* child);
void thread_vfork_done(Thread* child);

// Removes a zombie from its parent, the process table and the pid space (tree lock held).
void process_reap_locked(Process* p);

// Deletes a process whose last reference was just dropped.
void process_free(Process* p);

// Frees a thread's user-side state when the Thread object dies (FPU area, process ref).
void thread_release_user_state(Thread* t);

// Context-switch hook: address space, FPU, TLS of the next thread.
void switch_user_state(Thread* prev, Thread* next);

extern "C" [[noreturn]] void enter_user_mode(TrapFrame* frame);
