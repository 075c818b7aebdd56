// SPDX-License-Identifier: MIT
// seccomp(2): strict mode and classic-BPF filters run on every system call of a task that set them.
// linux: kernel/seccomp.c, Documentation/userspace-api/seccomp_filter.rst.
#pragma once

#include "lib/types.h"

class Thread;
struct TrapFrame;

// Runs the caller's mode or filters for system call nr. True: the call proceeds. False: it is skipped
// and *ret is what the caller sees (an errno, or the number itself when SIGSYS was forced); a kill
// action never returns.
bool seccomp_permit(TrapFrame* f, u64 nr, i64* ret);
// A new task takes its creator's mode, filters and no_new_privs (clone, fork).
void seccomp_inherit(Thread* child, const Thread* parent);
// Drops the task's reference to its filters (the task is gone).
void seccomp_release(Thread* t);
// Number of filters in t's chain (/proc/<pid>/status Seccomp_filters).
unsigned seccomp_filter_count(const Thread* t);
