// SPDX-License-Identifier: MIT
// Creating, forking, exiting and reaping processes and threads.
#pragma once

#include "core/process.h"
#include "lib/result.h"

struct TrapFrame;

// The first user process: turns the calling kernel thread into pid 1. Never returns on success
// (it enters user mode).
Result<void> process_start_init(const char* path, const char* const* argv, const char* const* envp);

struct CloneArgs {
    u64 flags;          // CLONE_* (low byte: exit signal)
    u64 stack;          // new user stack pointer, 0 = same as parent
    uptr parent_tid;
    uptr child_tid;
    u64 tls;
    int exit_signal;
};
// fork/vfork/clone: returns the child's pid/tid in the parent.
Result<int> process_clone(const CloneArgs& args, TrapFrame* parent_frame);

// Ends the calling thread; when it is the last one, the process becomes a zombie (status is a
// wait status, e.g. (code & 0xff) << 8, or a signal number).
[[noreturn]] void thread_do_exit(int wait_status, bool whole_group);

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

// Notifies the parent that p stopped or continued (SIGCHLD, wakeups).
void process_notify_parent_stop(Process* p, bool continued, int sig);

// The vfork parent may run again (the child exec'd or exited).
void process_vfork_done(Process* p);

// Deletes a process whose last reference was just dropped.
void process_free(Process* p);

// Frees a thread's user-side state when the Thread object dies (FPU area, process ref).
void thread_release_user_state(Thread* t);

// Context-switch hook: address space, FPU, TLS of the next thread.
void switch_user_state(Thread* prev, Thread* next);

extern "C" [[noreturn]] void enter_user_mode(TrapFrame* frame);
