// SPDX-License-Identifier: MIT
// What a thread carries while it is traced (man 2 ptrace): its tracer, the options, and the
// state of a ptrace-stop. Kept inside Thread so that no allocation or lifetime question comes
// with attaching; everything here is under the process-tree lock unless noted.
#pragma once

#include "core/signal_state.h"
#include "lib/intrusive_list.h"

class Process;

// Linux's syscall_work bits, read without the lock by the thread itself on syscall entry.
constexpr u8 kPtraceWorkSyscall = 1;   // PTRACE_SYSCALL: syscall-enter and -exit stops
constexpr u8 kPtraceWorkStep = 2;      // PTRACE_SINGLESTEP: a SIGTRAP after each syscall

// Which kind of stop the thread is in (what GET_SYSCALL_INFO and LISTEN look at).
enum class PtraceStopKind : u8 { None, Signal, Group, Event, SyscallEntry, SyscallExit };

struct PtraceState {
    Process* tracer = nullptr;     // null when not traced
    u32 options = 0;               // PTRACE_O_*
    bool seized = false;
    // The stop: stopped until the tracer resumes it (or SIGKILL); reported once to wait.
    bool stopped = false;
    bool reported = true;
    bool listening = false;        // PTRACE_LISTEN: still stopped, but no requests
    bool trap_notify = false;      // a listening tracee must re-trap (SIGCONT came)
    PtraceStopKind kind = PtraceStopKind::None;
    bool cld_stopped = false;      // a group-stop: SIGCHLD says CLD_STOPPED, not CLD_TRAPPED
    int code = 0;                  // the wait status's stop part: sig | event << 8
    int resume_sig = 0;            // data of the resuming request
    int group_stop_sig = 0;        // the stop signal of a group-stop still in force
    bool has_siginfo = false;
    KSigInfo siginfo{};
    u64 event_msg = 0;
    bool forced_tf = false;        // single-stepping set TF (hidden from GETREGS)
    // Exited while traced by a process that is not its parent: the tracer reaps it first.
    bool exited = false;
    int exit_status = 0;
    u64 debugreg[8] = {};
};
