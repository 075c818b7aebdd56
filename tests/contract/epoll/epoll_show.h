// SPDX-License-Identifier: MIT
// Shared by the epoll contract tests: one non-blocking epoll_wait, printed as "[tag events]".
#ifndef EPOLL_SHOW_H
#define EPOLL_SHOW_H
#include "contract.h"
#include <sys/epoll.h>

static void show(const char *label, int ep)
{
    struct epoll_event out[8];
    int n = epoll_wait(ep, out, 8, 0);
    say("%s: n=%d", label, n);
    for (int i = 0; i < n; i++) say(" [%llu %x]", (unsigned long long)out[i].data.u64, out[i].events);
    say("\n");
}
#endif
