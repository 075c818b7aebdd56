// SPDX-License-Identifier: MIT
// A TCP echo server and client in two processes over 127.0.0.1: connect/accept, many round trips, the addresses each side sees, EOF on close.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 5);
    CHECK(in_range(port));
    pid_t pid = fork();
    if (pid == 0) {
        struct sockaddr_in peer;
        socklen_t pl = sizeof peer;
        int c = accept(l, (struct sockaddr *)&peer, &pl);
        if (c < 0) _exit(10);
        if (pl != sizeof peer || peer.sin_family != AF_INET || peer.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) _exit(11);
        close(l);
        char buf[512];
        ssize_t n;
        while ((n = read(c, buf, sizeof buf)) > 0)
            if (write(c, buf, n) != n) _exit(12);
        _exit(n == 0 ? 0 : 13);
    }
    close(l);
    int s = tcp_connect_to(port);
    CHECK(s >= 0);
    struct sockaddr_in me, peer;
    socklen_t ml = sizeof me, pl = sizeof peer;
    RET(getsockname(s, (struct sockaddr *)&me, &ml));
    RET(getpeername(s, (struct sockaddr *)&peer, &pl));
    say("name len %d family %d addr %s local port in range %d\n", ml, me.sin_family, inet_ntoa(me.sin_addr),
        in_range(ntohs(me.sin_port)));
    say("peer len %d addr %s port matches %d\n", pl, inet_ntoa(peer.sin_addr), ntohs(peer.sin_port) == port);
    int bad = 0;
    for (int i = 0; i < 1000; i++) {
        char msg[64], back[64];
        int len = snprintf(msg, sizeof msg, "message %d", i);
        if (write(s, msg, len) != len || read_full(s, back, len) != len || memcmp(msg, back, len)) bad++;
    }
    say("round trips bad %d\n", bad);
    RET(shutdown(s, SHUT_WR));
    char c;
    RET(read(s, &c, 1));
    say("child: %s\n", ct_wait(pid));
    close(s);
    return 0;
}
