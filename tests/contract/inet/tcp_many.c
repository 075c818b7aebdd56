// SPDX-License-Identifier: MIT
// Many TCP connections at once in one process, driven by epoll: 64 clients connect non-blocking, each sends a request and gets an answer; every byte accounted for.
#include "inet/inet_test.h"
#include <sys/epoll.h>

#define N 64

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, N);
    fcntl(l, F_SETFL, O_NONBLOCK);
    int ep = epoll_create1(0);
    int cl[N];
    struct sockaddr_in a = lo4(port);
    int inprog = 0;
    for (int i = 0; i < N; i++) {
        cl[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(cl[i], (struct sockaddr *)&a, sizeof a) && errno == EINPROGRESS) inprog++;
        struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = 1000 + i};
        epoll_ctl(ep, EPOLL_CTL_ADD, cl[i], &ev);
    }
    say("connects in progress %d\n", inprog);
    struct epoll_event lev = {.events = EPOLLIN, .data.u32 = 9999};
    epoll_ctl(ep, EPOLL_CTL_ADD, l, &lev);
    int accepted = 0, sent = 0, served = 0, answered = 0, bad = 0;
    while (answered < N) {
        struct epoll_event evs[16];
        int n = epoll_wait(ep, evs, 16, 5000);
        if (n <= 0) {
            say("stalled: accepted %d sent %d served %d answered %d\n", accepted, sent, served, answered);
            break;
        }
        for (int k = 0; k < n; k++) {
            unsigned id = evs[k].data.u32;
            if (id == 9999) {
                int c;
                while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 2000 + c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                    accepted++;
                }
            } else if (id >= 2000) {
                int c = id - 2000;
                int v;
                ssize_t r = read(c, &v, sizeof v);
                if (r == sizeof v) {
                    v = v * 2 + 1;
                    if (write(c, &v, sizeof v) != sizeof v) bad++;
                    served++;
                } else if (r == 0) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, c, NULL);
                    close(c);
                }
            } else {
                int i = id - 1000;
                if (evs[k].events & EPOLLOUT) {
                    int e = 0;
                    socklen_t el = sizeof e;
                    getsockopt(cl[i], SOL_SOCKET, SO_ERROR, &e, &el);
                    if (e) bad++;
                    if (write(cl[i], &i, sizeof i) != sizeof i) bad++;
                    sent++;
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 1000 + i};
                    epoll_ctl(ep, EPOLL_CTL_MOD, cl[i], &ev);
                } else {
                    int v;
                    if (read(cl[i], &v, sizeof v) != sizeof v || v != i * 2 + 1) bad++;
                    answered++;
                    epoll_ctl(ep, EPOLL_CTL_DEL, cl[i], NULL);
                    close(cl[i]);
                }
            }
        }
    }
    say("accepted %d sent %d served %d answered %d bad %d\n", accepted, sent, served, answered, bad);
    close(l);
    return 0;
}
