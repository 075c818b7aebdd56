// SPDX-License-Identifier: MIT
// Hang-ups: closing a pipe's writer gives the reader EPOLLHUP (and EPOLLIN while data is left),
// closing the reader gives the writer EPOLLERR; EPOLLERR|EPOLLHUP are reported even when not
// asked for; an edge-triggered reader learns of the hang-up once.
#include "epoll_show.h"
#include <sys/epoll.h>

int main(void)
{
    int p[2], q[2], r[2];
    pipe(p);
    pipe(q);
    pipe(r);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u64 = 1};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.events = 0;
    ev.data.u64 = 2;
    epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 3;
    epoll_ctl(ep, EPOLL_CTL_ADD, r[0], &ev);
    show("open", ep);
    write(p[1], "z", 1);
    close(p[1]);
    close(q[1]);
    close(r[1]);
    show("writers closed", ep);
    show("again", ep);
    char c;
    read(p[0], &c, 1);
    show("data read", ep);

    int w[2];
    pipe(w);
    int ep2 = epoll_create1(0);
    ev.events = EPOLLOUT;
    ev.data.u64 = 4;
    epoll_ctl(ep2, EPOLL_CTL_ADD, w[1], &ev);
    show("writer open", ep2);
    close(w[0]);
    show("reader closed", ep2);
    return 0;
}
