// SPDX-License-Identifier: MIT
// What other calls need from a pidfd (ipc/pidfd.cpp): waitid(P_PIDFD), process_madvise,
// process_mrelease.
#pragma once

#include "lib/result.h"
#include "syscalls/task_access.h"

// The pid of the process pidfd fd names, and whether the pidfd is O_NONBLOCK. EBADF when fd is
// not a pidfd; ECHILD when the process has been reaped (no child can match it any more).
Result<int> pidfd_target_pid(int fd, bool& nonblock);

// linux: pidfd_get_task(): the process pidfd fd names with its memory and files (null once it
// exited). EBADF when fd is not a pidfd, ESRCH when the process has been reaped.
Result<TaskRefs> pidfd_task(int fd);
