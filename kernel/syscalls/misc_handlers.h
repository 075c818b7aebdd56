// SPDX-License-Identifier: MIT
// Handlers of the smaller families built from syscalls/misc.cmake.
#pragma once

#include "syscalls/types.h"

// Capabilities and the kernel log (capability.cpp, syslog.cpp)
SyscallResult sys_capget(UserPtr<void> header, UserPtr<void> data);
SyscallResult sys_capset(UserPtr<void> header, UserPtr<const void> data);
SyscallResult sys_syslog(int type, UserPtr<char> buf, int len);
// I/O hints and priorities (io_hints.cpp, ioprio.cpp)
SyscallResult sys_fadvise64(Fd fd, i64 offset, i64 len, int advice);
SyscallResult sys_readahead(Fd fd, i64 offset, usize count);
SyscallResult sys_ioprio_get(int which, int who);
SyscallResult sys_ioprio_set(int which, int who, int ioprio);
// Memory barriers (membarrier.cpp)
SyscallResult sys_membarrier(int cmd, u32 flags, int cpu_id);
// Extensible scheduling attributes (sched_attr.cpp)
SyscallResult sys_sched_setattr(int pid, UserPtr<void> attr, u32 flags);
SyscallResult sys_sched_getattr(int pid, UserPtr<void> attr, u32 size, u32 flags);
