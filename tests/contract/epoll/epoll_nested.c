// SPDX-License-Identifier: MIT
// An epoll descriptor is pollable: poll/select and an outer epoll see it readable while an inner
// item is ready, and not once the inner item is drained (level-triggered items re-polled).
#include "contract.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

int main(void)
{
    int p[2];
    pipe(p);
    int inner = epoll_create1(0), outer = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1};
    epoll_ctl(inner, EPOLL_CTL_ADD, p[0], &ev);
    ev.data.u64 = 2;
    RET(epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev));
    struct pollfd pf = {inner, POLLIN | POLLOUT, 0};
    struct epoll_event out[4];
    RET(poll(&pf, 1, 0));
    RET(epoll_wait(outer, out, 4, 0));
    write(p[1], "a", 1);
    RET(poll(&pf, 1, 0));
    say("revents %x\n", pf.revents);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(inner, &rs);
    struct timeval tv = {0, 0};
    RET(select(inner + 1, &rs, NULL, NULL, &tv));
    RET(epoll_wait(outer, out, 4, 0));
    say("outer event %x data %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
    RET(epoll_wait(inner, out, 4, 0));
    say("inner event %x data %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
    char c;
    read(p[0], &c, 1);
    RET(poll(&pf, 1, 0));
    RET(epoll_wait(outer, out, 4, 0));

    // A sleeper on the outer instance is woken by a write into the inner one's pipe.
    pid_t pid = fork();
    if (pid == 0) {
        usleep(50000);
        write(p[1], "b", 1);
        _exit(0);
    }
    RET(epoll_wait(outer, out, 4, 5000));
    say("woken by %llu\n", (unsigned long long)out[0].data.u64);
    say("child %s\n", ct_wait(pid));
    // poll sleeping on the inner instance is woken too.
    read(p[0], &c, 1);
    pid = fork();
    if (pid == 0) {
        usleep(50000);
        write(p[1], "c", 1);
        _exit(0);
    }
    pf.events = POLLIN;
    RET(poll(&pf, 1, 5000));
    say("child %s\n", ct_wait(pid));
    return 0;
}
