// SPDX-License-Identifier: MIT
// epoll_create/epoll_create1/epoll_ctl/epoll_wait argument errors in Linux's order: sizes and
// flags, bad and unpollable descriptors (regular files and directories give EPERM), adding an
// instance to itself, cycles (ELOOP), EPOLLEXCLUSIVE rules, maxevents and unwritable buffers.
#include "contract.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>

int main(void)
{
    RET(epoll_create(0));
    RET(epoll_create(-1));
    RET(epoll_create1(O_NONBLOCK));
    RET(epoll_create1(~EPOLL_CLOEXEC));
    int ep = epoll_create(1);
    int epc = epoll_create1(EPOLL_CLOEXEC);
    FACT("epoll_create ok", ep >= 0);
    RET(fcntl(ep, F_GETFD));
    RET(fcntl(epc, F_GETFD));
    RET(fcntl(ep, F_GETFL) & O_ACCMODE);

    int p[2];
    pipe(p);
    int efd = eventfd(0, 0);
    int reg = open("f", O_CREAT | O_RDWR, 0600);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 7};

    RET(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev));
    RET(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev));
    RET(epoll_ctl(p[0], EPOLL_CTL_ADD, reg, &ev));
    RET(epoll_ctl(p[0], EPOLL_CTL_ADD, efd, &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    RET(epoll_ctl(ep, 99, p[0], &ev));
    RET(epoll_ctl(ep, 99, 999, &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], (struct epoll_event *)8));
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], (struct epoll_event *)8));
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, NULL));

    // EPOLLEXCLUSIVE: only with IN/OUT/ERR/HUP/WAKEUP/ET, never on an instance, never in MOD.
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.events = EPOLLIN;
    RET(epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    RET(epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));
    ev.events = EPOLLIN | EPOLLONESHOT | EPOLLEXCLUSIVE;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLEXCLUSIVE;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, epc, &ev));
    ev.events = EPOLLIN;
    RET(epoll_ctl(ep, EPOLL_CTL_MOD, efd, &ev));
    ev.data.u64 = 9;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));

    // Nesting: a chain is fine, a cycle is ELOOP.
    int a = epoll_create1(0), b = epoll_create1(0), c = epoll_create1(0);
    RET(epoll_ctl(a, EPOLL_CTL_ADD, b, &ev));
    RET(epoll_ctl(b, EPOLL_CTL_ADD, c, &ev));
    RET(epoll_ctl(c, EPOLL_CTL_ADD, a, &ev));
    RET(epoll_ctl(b, EPOLL_CTL_ADD, a, &ev));
    RET(epoll_ctl(a, EPOLL_CTL_ADD, c, &ev));

    // epoll_wait argument checks.
    struct epoll_event out[4];
    RET(epoll_wait(ep, out, 0, 0));
    RET(epoll_wait(ep, out, -1, 0));
    RET(epoll_wait(ep, out, 0x7fffffff, 0));
    RET(epoll_wait(999, out, 4, 0));
    RET(epoll_wait(p[0], out, 4, 0));
    RET(epoll_wait(ep, (struct epoll_event *)0xffff800000000000ull, 1, 0));
    RET(epoll_wait(ep, NULL, 1, 0));   // nothing ready: the buffer is never written
    uint64_t one = 1;
    write(efd, &one, 8);
    RET(epoll_wait(ep, NULL, 1, 0));
    RET(epoll_wait(ep, out, 4, 0));
    say("event %x data %llu\n", out[0].events, (unsigned long long)out[0].data.u64);
    RET(syscall(SYS_epoll_pwait, ep, out, 4, 0, NULL, 8));
    sigset_t m;
    sigemptyset(&m);
    RET(syscall(SYS_epoll_pwait, ep, out, 4, 0, &m, 4));
    RET(syscall(SYS_epoll_pwait, ep, out, 4, 0, (void *)8, 8));
    struct timespec bad = {0, 1000000000};
    RET(syscall(SYS_epoll_pwait2, ep, out, 4, &bad, NULL, 8));
    struct timespec neg = {-1, 0};
    RET(syscall(SYS_epoll_pwait2, ep, out, 4, &neg, NULL, 8));
    RET(syscall(SYS_epoll_pwait2, ep, out, 4, (void *)8, NULL, 8));
    struct timespec zero = {0, 0};
    RET(syscall(SYS_epoll_pwait2, ep, out, 4, &zero, NULL, 8));
    return 0;
}
