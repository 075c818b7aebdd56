// SPDX-License-Identifier: MIT
// What other calls need from a pidfd (ipc/pidfd.cpp): waitid(P_PIDFD).
#pragma once

#include "lib/result.h"

// The pid of the process pidfd fd names, and whether the pidfd is O_NONBLOCK. EBADF when fd is
// not a pidfd; ECHILD when the process has been reaped (no child can match it any more).
Result<int> pidfd_target_pid(int fd, bool& nonblock);
