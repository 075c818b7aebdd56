// SPDX-License-Identifier: MIT
// Arguments shared by the waiting calls (ppoll, pselect6, epoll_pwait, epoll_pwait2): timespec
// timeouts and the temporary signal mask (syscalls/fs_poll.cpp).
#pragma once

#include "fs/pipe/poll_wait.h"
#include "lib/result.h"

// An absolute deadline for poll_files, and the end time to report the remainder against
// (0: no timeout or a zero one, nothing is written back).
struct Timeout {
    u64 deadline = kPollForever;
    u64 end_ns = 0;
};

// linux: poll_select_set_timeout(): EINVAL for a negative or unnormalised time.
Result<Timeout> timeout_from(i64 sec, i64 nsec);
// The same from a user __kernel_timespec (EFAULT when unreadable).
Result<Timeout> timespec_timeout(uptr p);

// linux: set_user_sigmask(): mask (0: none) is in force while waiting; size must be 8.
Result<void> set_user_sigmask(uptr mask, usize size);
// linux: restore_saved_sigmask_unless(): the old mask comes back now, or after the handler when
// a signal interrupted the call.
void restore_user_sigmask_unless(bool interrupted);
