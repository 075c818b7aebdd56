// SPDX-License-Identifier: MIT
// What other subsystems use of eventfd (ipc/eventfd.cpp): Linux AIO's IOCB_FLAG_RESFD counts its
// completions on one.
#pragma once

#include "fs/vfs/file.h"

// linux: eventfd_ctx_fdget(): the eventfd open on descriptor fd; EBADF when fd is not open,
// EINVAL when it is something else.
Result<RefPtr<File>> eventfd_file_get(int fd);
// linux: eventfd_signal(): adds n to the counter (clamped at its maximum) and wakes readers.
void eventfd_signal(File& f, u64 n);
