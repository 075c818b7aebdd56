// SPDX-License-Identifier: MIT
// Two processes bounce a counter over two pipes, each sleeping in epoll_wait (edge-triggered on
// one side, level-triggered on the other) until the other side's write arrives.
#include "contract.h"
#include <sys/epoll.h>

#define ROUNDS 1000

static int bounce(int in, int out, int et, int first)
{
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | (et ? EPOLLET : 0), .data.fd = in}, got[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, in, &ev);
    unsigned v = 0;
    if (first) write(out, &v, sizeof v);
    for (;;) {
        int n = epoll_wait(ep, got, 2, 5000);
        if (n != 1 || got[0].data.fd != in) return -1;
        if (got[0].events & EPOLLHUP && !(got[0].events & EPOLLIN)) return (int)v;
        if (read(in, &v, sizeof v) != sizeof v) return -2;
        if (v >= ROUNDS) return (int)v;
        v++;
        if (write(out, &v, sizeof v) != sizeof v) return -3;
        if (v >= ROUNDS) return (int)v;
    }
}

int main(void)
{
    int a[2], b[2];
    pipe(a);
    pipe(b);
    pid_t pid = fork();
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        int r = bounce(a[0], b[1], 1, 0);
        _exit(r == ROUNDS || r == ROUNDS - 1 ? 0 : 1);
    }
    close(a[0]);
    close(b[1]);
    int r = bounce(b[0], a[1], 0, 1);
    FACT("parent finished the rounds", r == ROUNDS || r == ROUNDS - 1);
    close(a[1]);
    say("child %s\n", ct_wait(pid));
    return 0;
}
