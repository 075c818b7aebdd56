// SPDX-License-Identifier: MIT
// O_ASYNC notification (fcntl F_SETOWN/F_SETSIG): the signal a file description's owner gets
// when the file becomes ready. The file layer keeps the settings; the process layer sends.
#pragma once

#include "lib/result.h"

struct FileOwner {
    int type = 1;   // F_OWNER_TID 0, F_OWNER_PID 1, F_OWNER_PGRP 2
    int id = 0;     // 0: nobody
};

// F_SETOWN(_EX) validation as Linux's f_setown: ESRCH when the named thread, process or group
// does not exist (id 0 clears the owner).
Result<void> file_owner_check(const FileOwner& owner);
// Sends SIGIO (sig 0) or sig with si_code band/si_fd to the owner; band is POLL_IN/POLL_OUT.
void file_async_signal(const FileOwner& owner, int sig, int fd, int band);
