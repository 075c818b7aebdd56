// SPDX-License-Identifier: MIT
// Event descriptors and POSIX timers: declarations of the handlers in ipc/eventfd.cpp,
// ipc/timerfd.cpp, ipc/signalfd.cpp, ipc/epoll.cpp and ipc/posix_timers.cpp. Included at the end of
// syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

// ipc/eventfd.cpp
SyscallResult sys_eventfd(unsigned initval);
SyscallResult sys_eventfd2(unsigned initval, Flags flags);

// ipc/timerfd.cpp
SyscallResult sys_timerfd_create(int clock, Flags flags);
SyscallResult sys_timerfd_settime(Fd fd, Flags flags, UserPtr<const void> new_value, UserPtr<void> old_value);
SyscallResult sys_timerfd_gettime(Fd fd, UserPtr<void> cur);

// ipc/signalfd.cpp
SyscallResult sys_signalfd(Fd fd, UserPtr<const u64> mask, usize sizemask);
SyscallResult sys_signalfd4(Fd fd, UserPtr<const u64> mask, usize sizemask, Flags flags);

// ipc/epoll.cpp
SyscallResult sys_epoll_create(int size);
SyscallResult sys_epoll_create1(Flags flags);
SyscallResult sys_epoll_ctl(Fd epfd, int op, Fd fd, UserPtr<const void> event);
SyscallResult sys_epoll_wait(Fd epfd, UserPtr<void> events, int maxevents, int timeout);
SyscallResult sys_epoll_pwait(Fd epfd, UserPtr<void> events, int maxevents, int timeout, UserPtr<const u64> sigmask,
                              usize sigsetsize);
SyscallResult sys_epoll_pwait2(Fd epfd, UserPtr<void> events, int maxevents, UserPtr<const void> timeout,
                               UserPtr<const u64> sigmask, usize sigsetsize);

// ipc/posix_timers.cpp
SyscallResult sys_timer_create(int clock, UserPtr<const void> event, UserPtr<int> id);
SyscallResult sys_timer_settime(int id, Flags flags, UserPtr<const void> new_value, UserPtr<void> old_value);
SyscallResult sys_timer_gettime(int id, UserPtr<void> cur);
SyscallResult sys_timer_getoverrun(int id);
SyscallResult sys_timer_delete(int id);
