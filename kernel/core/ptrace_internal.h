// SPDX-License-Identifier: MIT
// Shared by the ptrace files (core/ptrace*.cpp): attaching, detaching and resuming tracees.
// Everything here runs under the process-tree lock.
#pragma once

#include "core/process.h"

// Gives t its ptrace state from spare unless it has one (spare is taken); false when neither.
bool ptrace_install_locked(Thread* t, PtraceState*& spare);
// Makes tracer trace t (which has its state) (t gets a reference held by the tracer's list).
void ptrace_link_locked(Thread* t, Process* tracer, bool seized, u32 options);
// Ends the tracing of t and lets it run; the caller drops the list's reference afterwards.
void ptrace_unlink_locked(Thread* t);
// t is in a ptrace-stop the tracer may operate on (not listening, not exited, not dying).
bool ptrace_request_ready_locked(const Thread* t);
// Ends t's stop; sig is the signal it delivers (signal-delivery-stop) or sends itself.
void ptrace_resume_locked(Thread* t, int sig);
// p just became a zombie: a tracer holding its exited leader may reap it now.
void ptrace_process_zombie_locked(Process* p);
