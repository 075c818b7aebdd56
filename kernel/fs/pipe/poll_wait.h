// SPDX-License-Identifier: MIT
// The generic readiness wait behind poll, ppoll, select and pselect6 (and later epoll): for each
// file, File::poll() gives the ready mask and File::wait_queue() the queue to sleep on. The loop
// registers one Waiter per queue and marks the thread blocked *before* it asks the files, so a
// wake-up between the check and the sleep is never lost (core/wait_queue.h).
#pragma once

#include "fs/vfs/file.h"
#include "lib/span.h"

struct PollEntry {
    /// The file to poll. Null: not polled; revents is kept as the caller set it (e.g. POLLNVAL
    /// for a bad descriptor) and counts as ready when non-zero.
    RefPtr<File> file;
    /// The events of interest: revents = file->poll() & events (add POLLERR | POLLHUP yourself).
    u32 events = 0;
    u32 revents = 0;
};

/// Deadlines are absolute monotonic nanoseconds (monotonic_ns()).
constexpr u64 kPollForever = 0;   // no timeout
constexpr u64 kPollNoWait = 1;    // already passed: check once

/// Waits until at least one entry is ready, the deadline passes or a signal is pending.
/// Returns the number of entries with non-zero revents (0 on timeout), or EINTR when a signal
/// is pending and nothing is ready (the syscall layer turns it into its restart code). Every
/// entry's revents is up to date on return.
Result<int> poll_files(Span<PollEntry> entries, u64 deadline_ns);

/// now + ns, saturating (never kPollForever).
u64 poll_deadline_after(u64 ns);
