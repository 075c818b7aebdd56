// SPDX-License-Identifier: MIT
// The simplest LIGHT syscalls (syscalls.def): getters of the caller's own state, defined here,
// inline, so that the entry code's light path runs them with no call below it (and so with no
// scratch registers to save; see light_call in dispatch.cpp).
#pragma once

#include "core/process.h"
#include "syscalls/types.h"

inline SyscallResult sys_getpid() { return current_process()->pid; }
inline SyscallResult sys_gettid() { return current_thread()->tid; }
inline SyscallResult sys_getpgrp() { return current_process()->pgid; }
inline SyscallResult sys_getuid() { return current_process()->creds.uid; }
inline SyscallResult sys_geteuid() { return current_process()->creds.euid; }
inline SyscallResult sys_getgid() { return current_process()->creds.gid; }
inline SyscallResult sys_getegid() { return current_process()->creds.egid; }
