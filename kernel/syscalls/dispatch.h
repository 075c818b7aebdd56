// SPDX-License-Identifier: MIT
#pragma once

#include "lib/types.h"

struct TrapFrame;

const char* syscall_name(u64 nr);
bool syscall_implemented(u64 nr);
extern "C" void syscall_dispatch(TrapFrame* f);

// The entry code's light path (LIGHT in syscalls.def); off while syscalls are traced.
void syscall_light_enable(bool on);
// Once any task uses seccomp, every system call goes through the dispatcher (where the filters run).
void syscall_light_disable_for_seccomp();
// While any thread is traced every system call goes through the dispatcher (for syscall stops).
void syscall_light_set_ptrace(bool any_tracee);
