// SPDX-License-Identifier: MIT
// What the event descriptors (eventfd, timerfd, signalfd) share: putting a new file in the
// caller's descriptor table.
#pragma once

#include "fs/vfs/file.h"

// Installs f at the lowest free descriptor (within RLIMIT_NOFILE) and returns it.
Result<i64> fd_install_new(RefPtr<File> f, bool cloexec);
