// SPDX-License-Identifier: MIT
// inotify: declarations of the handlers in fs/notify/inotify.cpp. Included at the end of
// syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

SyscallResult sys_inotify_init();
SyscallResult sys_inotify_init1(Flags flags);
SyscallResult sys_inotify_add_watch(Fd fd, UserCString path, u32 mask);
SyscallResult sys_inotify_rm_watch(Fd fd, int wd);
