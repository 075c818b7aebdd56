// SPDX-License-Identifier: MIT
// poll and epoll readiness of TCP sockets: fresh, listening with a pending connection, connected, with data, after the peer's shutdown and close; a sleeping poller/epoll_wait is woken by the peer.
#include "inet/inet_test.h"
#include <sys/epoll.h>

#define ALL (POLLIN | POLLOUT | POLLRDHUP | POLLPRI)

int main(void)
{
    lo_up();
    int s = socket(AF_INET, SOCK_STREAM, 0);
    say("fresh: %s\n", pollbits(revents(s, ALL)));
    int port;
    int l = tcp_listener(&port, 4);
    say("listener idle: %s\n", pollbits(revents(l, ALL)));
    struct sockaddr_in a = lo4(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    say("listener pending: %s\n", pollbits(revents(l, ALL)));
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.fd = l};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev));
    struct epoll_event got[4];
    int n = epoll_wait(ep, got, 4, 0);
    say("epoll listener: %d events %#x\n", n, n > 0 ? got[0].events : 0);
    int c = accept(l, NULL, NULL);
    say("listener drained: %s\n", pollbits(revents(l, ALL)));
    say("client connected: %s\n", pollbits(revents(s, ALL)));
    say("server connected: %s\n", pollbits(revents(c, ALL)));
    write(s, "abc", 3);
    say("server with data: %s\n", pollbits(revents(c, ALL)));
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    ev.data.fd = c;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev));
    n = epoll_wait(ep, got, 4, 0);
    say("epoll server: %d events %#x\n", n, n > 0 ? got[0].events : 0);
    n = epoll_wait(ep, got, 4, 0);
    say("epoll server again (ET): %d\n", n);
    char buf[8];
    read(c, buf, sizeof buf);
    // A sleeping epoll_wait is woken by the peer's write from another process.
    pid_t pid = fork();
    if (pid == 0) {
        usleep(50000);
        write(s, "x", 1);
        usleep(50000);
        shutdown(s, SHUT_WR);
        _exit(0);
    }
    n = epoll_wait(ep, got, 4, 5000);
    say("epoll woken: %d events %#x\n", n, n > 0 ? got[0].events : 0);
    read(c, buf, sizeof buf);
    struct pollfd p = {.fd = c, .events = POLLRDHUP};
    n = poll(&p, 1, 5000);
    say("poll woken: %d %s\n", n, pollbits(p.revents));
    say("child: %s\n", ct_wait(pid));
    say("after peer shutdown: %s\n", pollbits(revents(c, ALL)));
    say("shut side: %s\n", pollbits(revents(s, ALL)));
    close(s);
    usleep(10000);
    say("after peer close: %s\n", pollbits(revents(c, ALL)));
    RET(write(c, "y", 1));
    usleep(10000);
    say("after write to closed peer: %s\n", pollbits(revents(c, ALL)));
    close(c);
    close(l);
    // UDP.
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    say("udp fresh: %s\n", pollbits(revents(u, ALL)));
    close(u);
    return 0;
}
