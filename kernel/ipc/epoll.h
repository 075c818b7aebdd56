// SPDX-License-Identifier: MIT
// epoll (man 7 epoll): the hook the file layer calls when a watched description goes away.
#pragma once

#include "lib/result.h"

class File;

// The last reference to f is gone: its epoll items leave their instances (Linux's
// eventpoll_release). Does not sleep.
void epoll_file_released(File& f);

// kcmp's KCMP_EPOLL_TFD: the file of the toff-th item of instance epfile registered under
// descriptor number tfd (an identity to compare, not to use). EINVAL when epfile is not an
// epoll instance, ENOENT when there is no such item. linux: get_epoll_tfile_raw_ptr().
Result<const File*> epoll_watched_file(File& epfile, int tfd, u32 toff);
