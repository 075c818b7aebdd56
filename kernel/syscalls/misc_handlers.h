// SPDX-License-Identifier: MIT
// Handlers of the smaller families built from syscalls/misc.cmake.
#pragma once

#include "syscalls/types.h"

// Capabilities and the kernel log (capability.cpp, syslog.cpp)
SyscallResult sys_capget(UserPtr<void> header, UserPtr<void> data);
SyscallResult sys_capset(UserPtr<void> header, UserPtr<const void> data);
SyscallResult sys_syslog(int type, UserPtr<char> buf, int len);
// prctl's capability options (PR_CAPBSET_READ/DROP, PR_GET/SET_KEEPCAPS, PR_GET/SET_SECUREBITS,
// PR_CAP_AMBIENT); EINVAL for others.
Result<i64> capability_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5);
// prctl(PR_SET_MM, opt, addr, arg4, arg5): the argument and environment bounds (prctl_mm.cpp).
Result<i64> mm_prctl(u64 opt, u64 addr, u64 arg4, u64 arg5);
// I/O hints and priorities (io_hints.cpp, ioprio.cpp)
SyscallResult sys_fadvise64(Fd fd, i64 offset, i64 len, int advice);
SyscallResult sys_readahead(Fd fd, i64 offset, usize count);
SyscallResult sys_ioprio_get(int which, int who);
SyscallResult sys_ioprio_set(int which, int who, int ioprio);
// Restartable sequences (core/rseq.cpp)
SyscallResult sys_rseq(UserPtr<void> rseq, u32 len, int flags, u32 sig);
// Memory barriers (membarrier.cpp)
SyscallResult sys_membarrier(int cmd, u32 flags, int cpu_id);
// Extensible scheduling attributes (sched_attr.cpp)
SyscallResult sys_sched_setattr(int pid, UserPtr<void> attr, u32 flags);
SyscallResult sys_sched_getattr(int pid, UserPtr<void> attr, u32 size, u32 flags);
// Other processes' objects: kcmp.cpp, process_vm.cpp, ipc/pidfd.cpp
SyscallResult sys_kcmp(int pid1, int pid2, int type, u64 idx1, u64 idx2);
// core/ptrace_requests.cpp
SyscallResult sys_ptrace(long request, int pid, u64 addr, u64 data);
SyscallResult sys_process_vm_readv(int pid, UserPtr<const void> lvec, u64 liovcnt, UserPtr<const void> rvec,
                                   u64 riovcnt, u64 flags);
SyscallResult sys_process_vm_writev(int pid, UserPtr<const void> lvec, u64 liovcnt, UserPtr<const void> rvec,
                                    u64 riovcnt, u64 flags);
SyscallResult sys_pidfd_open(int pid, u32 flags);
SyscallResult sys_pidfd_send_signal(Fd pidfd, int sig, UserPtr<const void> info, u32 flags);
SyscallResult sys_pidfd_getfd(Fd pidfd, Fd fd, u32 flags);
// System call filters (seccomp.cpp)
SyscallResult sys_seccomp(u32 op, u32 flags, UserPtr<const void> uargs);
// prctl's PR_SET/GET_NO_NEW_PRIVS and PR_SET/GET_SECCOMP; EINVAL for others.
SyscallResult seccomp_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5);
