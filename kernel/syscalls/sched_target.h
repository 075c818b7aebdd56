// SPDX-License-Identifier: MIT
// Shared by the scheduling-parameter syscalls (sched.cpp, sched_attr.cpp).
#pragma once

#include "core/process.h"

// linux: find_process_by_pid(): 0 is the caller; any thread id names its process. EINVAL for a
// negative pid, ESRCH when nobody has it.
Result<Process*> sched_target(int pid);
// linux: can_nice(): may the caller give p this nice value? RLIMIT_NICE allows down to
// 20 - rlim, CAP_SYS_NICE anything.
bool can_nice(const Process& p, int nice);
// linux: user_check_sched_setscheduler() for the non-real-time classes: may the caller give p
// this policy, nice value and reset-on-fork flag? EPERM if not.
Result<void> sched_may_change(const Process& p, int policy, int nice, bool reset_on_fork);
