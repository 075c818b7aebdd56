// SPDX-License-Identifier: MIT
// epoll (man 7 epoll): the hook the file layer calls when a watched description goes away.
#pragma once

class File;

// The last reference to f is gone: its epoll items leave their instances (Linux's
// eventpoll_release). Does not sleep.
void epoll_file_released(File& f);
