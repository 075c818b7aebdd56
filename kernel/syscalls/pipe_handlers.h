// SPDX-License-Identifier: MIT
// Pipes and readiness: declarations of the handlers in syscalls/fs_pipe.cpp (pipe, pipe2,
// splice, tee, vmsplice) and syscalls/fs_poll.cpp (poll, ppoll, select, pselect6). Included at
// the end of syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

struct pollfd;

// syscalls/fs_pipe.cpp
SyscallResult sys_pipe(UserPtr<int> fds);
SyscallResult sys_pipe2(UserPtr<int> fds, Flags flags);
SyscallResult sys_splice(Fd fd_in, UserPtr<i64> off_in, Fd fd_out, UserPtr<i64> off_out, usize len, Flags flags);
SyscallResult sys_tee(Fd fd_in, Fd fd_out, usize len, Flags flags);
SyscallResult sys_vmsplice(Fd fd, UserPtr<const void> iov, u64 nr_segs, Flags flags);

// syscalls/fs_poll.cpp
SyscallResult sys_poll(UserPtr<pollfd> fds, u32 nfds, int timeout_ms);
SyscallResult sys_ppoll(UserPtr<pollfd> fds, u32 nfds, UserPtr<const void> timeout, UserPtr<const u64> sigmask,
                        usize sigsetsize);
SyscallResult sys_select(int nfds, UserPtr<u64> readfds, UserPtr<u64> writefds, UserPtr<u64> exceptfds,
                         UserPtr<void> timeout);
SyscallResult sys_pselect6(int nfds, UserPtr<u64> readfds, UserPtr<u64> writefds, UserPtr<u64> exceptfds,
                           UserPtr<void> timeout, UserPtr<const void> sigmask_pack);
