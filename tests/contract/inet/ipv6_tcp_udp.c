// SPDX-License-Identifier: MIT
// IPv6 over ::1: TCP echo between processes, UDP datagrams with their source address, IPV6_V6ONLY listeners refusing IPv4 clients, v6 sockets to v4-mapped peers.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    int l = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a = lo6(0);
    RET(bind(l, (struct sockaddr *)&a, sizeof a));
    RET(listen(l, 4));
    int port = port_of(l);
    pid_t pid = fork();
    if (pid == 0) {
        int c = accept(l, NULL, NULL);
        char buf[256];
        ssize_t n;
        while ((n = read(c, buf, sizeof buf)) > 0) write(c, buf, n);
        _exit(0);
    }
    int s = socket(AF_INET6, SOCK_STREAM, 0);
    a = lo6(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        char m[32], b[32];
        int n = snprintf(m, sizeof m, "v6 %d", i);
        if (write(s, m, n) != n || read_full(s, b, n) != n || memcmp(m, b, n)) bad++;
    }
    say("v6 echo bad %d\n", bad);
    close(s);
    say("child: %s\n", ct_wait(pid));
    // ::1 listener: an IPv4 client cannot reach it.
    RET(tcp_connect_to(port));
    close(l);

    // V6ONLY on ::.
    l = socket(AF_INET6, SOCK_STREAM, 0);
    int one = 1;
    RET(setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    struct sockaddr_in6 any = {.sin6_family = AF_INET6};
    RET(bind(l, (struct sockaddr *)&any, sizeof any));
    RET(listen(l, 4));
    port = port_of(l);
    RET(tcp_connect_to(port));
    s = socket(AF_INET6, SOCK_STREAM, 0);
    a = lo6(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    close(s);
    // A v4 listener can share the port with the v6-only one.
    int l4 = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any4 = {.sin_family = AF_INET, .sin_port = htons(port)};
    RET(bind(l4, (struct sockaddr *)&any4, sizeof any4));
    close(l4);
    close(l);
    // A v6-only socket cannot talk to a v4-mapped address.
    s = socket(AF_INET6, SOCK_STREAM, 0);
    setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    struct sockaddr_in6 mapped = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr);
    RET(connect(s, (struct sockaddr *)&mapped, sizeof mapped));
    close(s);

    // UDP over ::1.
    int u1 = socket(AF_INET6, SOCK_DGRAM, 0), u2 = socket(AF_INET6, SOCK_DGRAM, 0);
    a = lo6(0);
    RET(bind(u2, (struct sockaddr *)&a, sizeof a));
    a = lo6(port_of(u2));
    RET(sendto(u1, "six", 3, 0, (struct sockaddr *)&a, sizeof a));
    char buf[16];
    struct sockaddr_in6 from;
    socklen_t fl = sizeof from;
    RET(recvfrom(u2, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    char txt[64];
    inet_ntop(AF_INET6, &from.sin6_addr, txt, sizeof txt);
    say("from len %d %s port matches %d\n", fl, txt, ntohs(from.sin6_port) == port_of(u1));
    // A v4 datagram to a dual-stack UDP socket bound to ::.
    int u3 = socket(AF_INET6, SOCK_DGRAM, 0);
    RET(bind(u3, (struct sockaddr *)&any, sizeof any));
    int u4 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to4 = lo4(port_of(u3));
    RET(sendto(u4, "four", 4, 0, (struct sockaddr *)&to4, sizeof to4));
    fl = sizeof from;
    RET(recvfrom(u3, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    inet_ntop(AF_INET6, &from.sin6_addr, txt, sizeof txt);
    say("from len %d %s\n", fl, txt);
    // Port unreachable over IPv6 for a connected socket.
    int u5 = socket(AF_INET6, SOCK_DGRAM, 0);
    a = lo6(port_of(u2));
    close(u2);
    RET(connect(u5, (struct sockaddr *)&a, sizeof a));
    RET(send(u5, "x", 1, 0));
    RET(recv(u5, buf, sizeof buf, MSG_DONTWAIT));
    return 0;
}
