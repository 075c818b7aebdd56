// SPDX-License-Identifier: MIT
// Restartable sequences (rseq(2); linux: kernel/rseq.c, in behaviour). A thread registers a
// struct rseq; the kernel keeps its cpu_id fields current and, when the thread was switched out
// or takes a signal inside the critical section its rseq_cs field describes, resumes it at the
// section's abort handler instead. glibc registers one per thread (sched_getcpu reads it).
#pragma once

#include "core/thread.h"

struct TrapFrame;

// Called as t is switched out (Linux's rseq_preempt: any switch counts).
inline void rseq_note_switch(Thread* t) {
    if (t->rseq_area) t->rseq_pending = true;
}
// The work on the way back to user mode, and before a signal frame is built (event true): a
// critical section f is inside goes to its abort handler, rseq_cs is cleared and the CPU number
// stored. False: the area or the descriptor is invalid or unreadable (Linux's force_sigsegv).
bool rseq_resume(Thread* t, TrapFrame* f, bool event);
// fork keeps the registration (the memory is copied); a thread sharing the memory starts
// without one; execve drops it.
void rseq_on_clone(Thread* child, const Thread* parent, bool shares_vm);
inline void rseq_on_exec(Thread* t) {
    t->rseq_area = 0;
    t->rseq_pending = false;
}
