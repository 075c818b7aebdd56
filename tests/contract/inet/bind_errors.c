// SPDX-License-Identifier: MIT
// bind(2) of inet sockets: EADDRINUSE and SO_REUSEADDR/SO_REUSEPORT, EADDRNOTAVAIL for foreign addresses, ephemeral ports, EINVAL for a second bind or a short address, EAFNOSUPPORT, AF_UNSPEC with INADDR_ANY, v4/v6 overlap and IPV6_V6ONLY, TIME-WAIT.
#include "inet/inet_test.h"

static int sock(int fam, int type, int reuse, int reuseport)
{
    int s = socket(fam, type, 0);
    if (reuse) setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
    if (reuseport) setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &reuseport, sizeof reuseport);
    return s;
}

static int bind4(int s, uint32_t addr, int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(addr)};
    return bind(s, (struct sockaddr *)&a, sizeof a);
}

int main(void)
{
    lo_up();
    int a = sock(AF_INET, SOCK_STREAM, 0, 0);
    RET(bind4(a, INADDR_LOOPBACK, 0));
    int port = port_of(a);
    CHECK(in_range(port));
    RET(bind4(a, INADDR_LOOPBACK, 0));
    int b = sock(AF_INET, SOCK_STREAM, 0, 0);
    RET(bind4(b, INADDR_LOOPBACK, port));
    RET(bind4(b, INADDR_ANY, port));
    RET(bind4(b, 0x7f000002, port));   // another loopback address: no overlap
    close(b);
    // SO_REUSEADDR on both: allowed while neither listens.
    int c = sock(AF_INET, SOCK_STREAM, 1, 0), d = sock(AF_INET, SOCK_STREAM, 1, 0);
    RET(bind4(c, INADDR_LOOPBACK, 0));
    int p2 = port_of(c);
    RET(bind4(d, INADDR_LOOPBACK, p2));
    RET(listen(c, 1));
    RET(listen(d, 1));
    int e = sock(AF_INET, SOCK_STREAM, 1, 0);
    RET(bind4(e, INADDR_LOOPBACK, p2));
    close(c);
    close(d);
    close(e);
    // SO_REUSEPORT: several listeners on one port.
    c = sock(AF_INET, SOCK_STREAM, 0, 1);
    d = sock(AF_INET, SOCK_STREAM, 0, 1);
    RET(bind4(c, INADDR_LOOPBACK, 0));
    p2 = port_of(c);
    RET(bind4(d, INADDR_LOOPBACK, p2));
    RET(listen(c, 1));
    RET(listen(d, 1));
    close(c);
    close(d);
    // UDP.
    c = sock(AF_INET, SOCK_DGRAM, 0, 0);
    d = sock(AF_INET, SOCK_DGRAM, 0, 0);
    RET(bind4(c, INADDR_ANY, 0));
    p2 = port_of(c);
    RET(bind4(d, INADDR_LOOPBACK, p2));
    close(c);
    close(d);
    c = sock(AF_INET, SOCK_DGRAM, 1, 0);
    d = sock(AF_INET, SOCK_DGRAM, 1, 0);
    RET(bind4(c, INADDR_ANY, 0));
    RET(bind4(d, INADDR_LOOPBACK, port_of(c)));
    close(c);
    close(d);
    // Foreign and odd addresses.
    c = sock(AF_INET, SOCK_STREAM, 0, 0);
    RET(bind4(c, 0x0a000001, 0));
    RET(bind4(c, 0xe0000001, 0));
    struct sockaddr_in sa = {.sin_family = AF_INET};
    RET(bind(c, (struct sockaddr *)&sa, sizeof sa - 1));
    sa.sin_family = AF_INET6;
    RET(bind(c, (struct sockaddr *)&sa, sizeof sa));
    sa.sin_family = AF_UNSPEC;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    RET(bind(c, (struct sockaddr *)&sa, sizeof sa));
    sa.sin_addr.s_addr = 0;
    RET(bind(c, (struct sockaddr *)&sa, sizeof sa));
    say("unspec bound in range %d\n", in_range(port_of(c)));
    close(c);
    // Privileged ports need root (we are root), then refuse for a user.
    c = sock(AF_INET, SOCK_STREAM, 0, 0);
    RET(bind4(c, INADDR_LOOPBACK, 80));
    close(c);
    // IPv6: a dual-stack :: overlaps 0.0.0.0; with IPV6_V6ONLY it does not.
    int v6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 any6 = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
    RET(bind(v6, (struct sockaddr *)&any6, sizeof any6));
    close(v6);
    v6 = socket(AF_INET6, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    RET(bind(v6, (struct sockaddr *)&any6, sizeof any6));
    close(v6);
    v6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 far6 = {.sin6_family = AF_INET6};
    inet_pton(AF_INET6, "2001:db8::1", &far6.sin6_addr);
    RET(bind(v6, (struct sockaddr *)&far6, sizeof far6));
    RET(bind(v6, (struct sockaddr *)&any6, 20));
    struct sockaddr_in6 lo = lo6(0);
    RET(bind(v6, (struct sockaddr *)&lo, 24));
    close(v6);
    close(a);
    // TIME-WAIT keeps the port of the side that closed first, unless SO_REUSEADDR.
    int l = sock(AF_INET, SOCK_STREAM, 1, 0);
    RET(bind4(l, INADDR_LOOPBACK, 0));
    RET(listen(l, 1));
    p2 = port_of(l);
    int cl = tcp_connect_to(p2);
    int sv = accept(l, NULL, NULL);
    close(l);
    close(sv);   // the server closes first: its side goes to TIME-WAIT
    char ch;
    read(cl, &ch, 1);
    close(cl);
    usleep(10000);
    l = sock(AF_INET, SOCK_STREAM, 0, 0);
    RET(bind4(l, INADDR_LOOPBACK, p2));
    close(l);
    l = sock(AF_INET, SOCK_STREAM, 1, 0);
    RET(bind4(l, INADDR_LOOPBACK, p2));
    RET(listen(l, 1));
    close(l);
    return 0;
}
