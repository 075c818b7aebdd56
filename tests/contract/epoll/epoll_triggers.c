// SPDX-License-Identifier: MIT
// Level-triggered items are reported while ready, EPOLLET ones once per new event, EPOLLONESHOT
// ones once until EPOLL_CTL_MOD re-arms them; pipes and eventfds, with EPOLLIN and EPOLLOUT.
#include "epoll_show.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>

static void add(int ep, int fd, unsigned events, unsigned long long tag)
{
    struct epoll_event ev = {.events = events, .data.u64 = tag};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)) say("add %llu: %s\n", tag, ct_errname(errno));
}

int main(void)
{
    char buf[16];
    int lt[2], et[2];
    pipe(lt);
    pipe(et);
    int ep = epoll_create1(0);
    add(ep, lt[0], EPOLLIN, 1);
    add(ep, et[0], EPOLLIN | EPOLLET, 2);
    show("empty", ep);
    write(lt[1], "ab", 2);
    write(et[1], "ab", 2);
    show("both written", ep);
    show("again", ep);
    read(lt[0], buf, 1);
    read(et[0], buf, 1);
    show("half read", ep);
    write(et[1], "c", 1);
    show("et written again", ep);
    read(lt[0], buf, 16);
    read(et[0], buf, 16);
    show("drained", ep);

    // Write ends: writable at once, level and edge.
    int ep2 = epoll_create1(0);
    add(ep2, lt[1], EPOLLOUT, 3);
    add(ep2, et[1], EPOLLOUT | EPOLLET, 4);
    show("writers", ep2);
    show("writers again", ep2);

    // eventfd
    int e1 = eventfd(0, EFD_NONBLOCK), e2 = eventfd(0, EFD_NONBLOCK);
    int ep3 = epoll_create1(0);
    add(ep3, e1, EPOLLIN, 5);
    add(ep3, e2, EPOLLIN | EPOLLET, 6);
    show("eventfd zero", ep3);
    uint64_t one = 1, v;
    write(e1, &one, 8);
    write(e2, &one, 8);
    show("eventfd one", ep3);
    show("eventfd one again", ep3);
    write(e2, &one, 8);
    show("eventfd et two", ep3);
    read(e1, &v, 8);
    read(e2, &v, 8);
    show("eventfd read", ep3);

    // One-shot: reported once, silent until MOD, MOD re-arms (and reports at once when ready).
    int os[2];
    pipe(os);
    int ep4 = epoll_create1(0);
    add(ep4, os[0], EPOLLIN | EPOLLONESHOT, 7);
    write(os[1], "x", 1);
    show("oneshot", ep4);
    write(os[1], "y", 1);
    show("oneshot disarmed", ep4);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 8};
    RET(epoll_ctl(ep4, EPOLL_CTL_MOD, os[0], &ev));
    show("oneshot rearmed", ep4);
    show("oneshot disarmed again", ep4);
    RET(epoll_ctl(ep4, EPOLL_CTL_ADD, os[0], &ev));
    ev.events = EPOLLOUT;
    RET(epoll_ctl(ep4, EPOLL_CTL_MOD, os[0], &ev));
    show("mod to out on read end", ep4);

    // maxevents 1 over two level-triggered items: they take turns.
    int ep5 = epoll_create1(0);
    add(ep5, e1, EPOLLOUT, 9);
    add(ep5, lt[1], EPOLLOUT, 10);
    struct epoll_event out[1];
    for (int i = 0; i < 4; i++) {
        int n = epoll_wait(ep5, out, 1, 0);
        say("turn %d: n=%d tag %llu\n", i, n, (unsigned long long)out[0].data.u64);
    }
    // EPOLLWAKEUP is accepted (Aramid ignores it: there is no suspend).
    add(ep5, e2, EPOLLIN | EPOLLWAKEUP, 11);
    return 0;
}
