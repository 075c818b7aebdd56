// SPDX-License-Identifier: MIT
// POSIX message queues: declarations of the handlers in ipc/mqueue_*.cpp. Included at the end of
// syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

// ipc/mqueue_names.cpp
SyscallResult sys_mq_open(UserCString name, Flags oflag, u32 mode, UserPtr<const void> attr);
SyscallResult sys_mq_unlink(UserCString name);

// ipc/mqueue_io.cpp
SyscallResult sys_mq_timedsend(int mqdes, UserPtr<const void> msg, usize len, u32 prio, UserPtr<const void> timeout);
SyscallResult sys_mq_timedreceive(int mqdes, UserPtr<void> msg, usize len, UserPtr<u32> prio,
                                  UserPtr<const void> timeout);

// ipc/mqueue_notify.cpp
SyscallResult sys_mq_notify(int mqdes, UserPtr<const void> event);
SyscallResult sys_mq_getsetattr(int mqdes, UserPtr<const void> newattr, UserPtr<void> oldattr);
