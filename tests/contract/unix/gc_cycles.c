// SPDX-License-Identifier: MIT
// Sockets kept alive only by descriptors in flight are collected: a socket sent over itself, two
// sockets sent over each other, a chain hanging off such a cycle, and a listener holding a
// cycle in an unaccepted connection. Each carries a pipe's write end too; once the cycle is
// freed the pipe's reader sees end of file. A cycle still reachable from an open descriptor is
// left alone (its pipe stays open).
#include "contract.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "scm.h"

// Whether the pipe read end r reaches end of file within about 5 s. Closing another socket
// gives the collector a chance to run, as Linux runs it when a socket is released.
static const char *freed(int r)
{
    for (int i = 0; i < 50; i++) {
        int sv[2];
        socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
        close(sv[0]);
        close(sv[1]);
        struct pollfd p = {r, POLLIN, 0};
        if (poll(&p, 1, 100) == 1) {
            char c;
            return read(r, &c, 1) == 0 ? "freed" : "data";
        }
    }
    return "still open";
}

int main(void)
{
    int p[2], sv[2];

    // A socket sent over itself.
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int self_and_pipe[2] = {sv[0], p[1]};
    say("self: send %d\n", send_fds(sv[0], self_and_pipe, 2));
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
    say("self: pipe writer %s\n", freed(p[0]));
    close(p[0]);

    // Two datagram sockets each in the other's queue.
    pipe(p);
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    int a[2] = {sv[0], p[1]}, b[1] = {sv[1]};
    say("pair: send %d %d\n", send_fds(sv[0], a, 2), send_fds(sv[1], b, 1));
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
    say("pair: pipe writer %s\n", freed(p[0]));
    close(p[0]);

    // A chain: a third socket, in flight inside the cycle, holds the pipe.
    pipe(p);
    int c[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    socketpair(AF_UNIX, SOCK_STREAM, 0, c);
    say("chain: send %d\n", send_fds(c[0], &p[1], 1));
    int link[2] = {c[1], sv[1]};
    say("chain: send %d\n", send_fds(sv[0], link, 2));
    close(p[1]);
    close(c[0]);
    close(c[1]);
    close(sv[0]);
    close(sv[1]);
    say("chain: pipe writer %s\n", freed(p[0]));
    close(p[0]);

    // Still reachable: the cycle's far end stays open, so nothing may be collected.
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int keep[2] = {sv[0], p[1]};
    say("reachable: send %d\n", send_fds(sv[0], keep, 2));
    close(p[1]);
    close(sv[0]);
    struct pollfd pf = {p[0], POLLIN, 0};
    for (int i = 0; i < 5; i++) {
        int t[2];
        socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
        close(t[0]);
        close(t[1]);
    }
    say("reachable: pipe still open %d\n", poll(&pf, 1, 200) == 0);
    // Receiving the descriptors back works after the passes.
    char buf[8];
    int got[4], nfds;
    ssize_t n = recv_fds(sv[1], buf, sizeof buf, got, 2, &nfds);
    say("reachable: received %d bytes, %d descriptors\n", (int)n, nfds);
    if (nfds == 2) {
        say("reachable: the pipe writer works: %d\n", write(got[1], "x", 1) == 1);
        close(got[0]);
        close(got[1]);
    }
    close(sv[1]);
    char x;
    say("reachable: then the reader gets %d\n", (int)read(p[0], &x, 1));
    say("reachable: and then %d\n", (int)read(p[0], &x, 1));
    close(p[0]);

    // A listener with an unaccepted connection whose queue holds the listener itself.
    pipe(p);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = {AF_UNIX, "ct-gc-listener"};
    unlink(sa.sun_path);
    bind(l, (struct sockaddr *)&sa, sizeof sa);
    listen(l, 4);
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    say("listener: connect %d\n", connect(cl, (struct sockaddr *)&sa, sizeof sa));
    int lp[2] = {l, p[1]};
    say("listener: send %d\n", send_fds(cl, lp, 2));
    close(p[1]);
    close(cl);
    close(l);
    unlink(sa.sun_path);
    say("listener: pipe writer %s\n", freed(p[0]));
    close(p[0]);
    return 0;
}
