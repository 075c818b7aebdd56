// SPDX-License-Identifier: MIT
// poll, select and epoll readiness of unix sockets: data, listeners with pending connections, shutdown and peer close.
#include "contract.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static void show(const char *what, int fd)
{
    struct pollfd p = {fd, POLLIN | POLLOUT | POLLRDHUP, 0};
    int r = poll(&p, 1, 0);
    say("%s: %d%s%s%s%s%s\n", what, r, p.revents & POLLIN ? " IN" : "", p.revents & POLLOUT ? " OUT" : "",
        p.revents & POLLHUP ? " HUP" : "", p.revents & POLLRDHUP ? " RDHUP" : "", p.revents & POLLERR ? " ERR" : "");
}

int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    show("fresh", sv[0]);
    write(sv[1], "x", 1);
    show("data", sv[0]);
    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN | EPOLLET, {.fd = sv[0]}};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev));
    struct epoll_event out[2];
    RET(epoll_wait(ep, out, 2, 0));
    RET(epoll_wait(ep, out, 2, 0));
    write(sv[1], "y", 1);
    RET(epoll_wait(ep, out, 2, 0));
    fd_set r;
    FD_ZERO(&r);
    FD_SET(sv[0], &r);
    struct timeval tv = {0, 0};
    RET(select(sv[0] + 1, &r, NULL, NULL, &tv));
    char buf[4];
    read(sv[0], buf, sizeof buf);
    show("drained", sv[0]);
    shutdown(sv[1], SHUT_WR);
    show("peer shut wr", sv[0]);
    show("self shut wr", sv[1]);
    close(sv[1]);
    show("peer closed", sv[0]);

    int lone = socket(AF_UNIX, SOCK_STREAM, 0);
    show("unconnected stream", lone);
    int dg = socket(AF_UNIX, SOCK_DGRAM, 0);
    show("unconnected dgram", dg);
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/pl"};
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, sizeof a);
    listen(srv, 4);
    show("listener", srv);
    pid_t pid = fork();
    if (pid == 0) {
        ct_msleep(50);
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        connect(c, (struct sockaddr *)&a, sizeof a);
        _exit(0);
    }
    int ep2 = epoll_create1(0);
    struct epoll_event ev2 = {EPOLLIN, {.fd = srv}};
    epoll_ctl(ep2, EPOLL_CTL_ADD, srv, &ev2);
    RET(epoll_wait(ep2, out, 2, 10000));
    show("listener pending", srv);
    say("child: %s\n", ct_wait(pid));
    return 0;
}
