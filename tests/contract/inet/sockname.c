// SPDX-License-Identifier: MIT
// getsockname/getpeername for AF_INET and AF_INET6 sockets: unbound, bound to any and to loopback, connected, v4-mapped peers, short buffers, ENOTCONN.
#include "inet/inet_test.h"

static void show4(const char *what, int fd, int peer)
{
    struct sockaddr_in a;
    memset(&a, 0xee, sizeof a);
    socklen_t l = sizeof a;
    int r = peer ? getpeername(fd, (struct sockaddr *)&a, &l) : getsockname(fd, (struct sockaddr *)&a, &l);
    if (r) {
        say("%s: %s\n", what, ct_errname(errno));
        return;
    }
    say("%s: len %d family %d addr %s port %s zero %d\n", what, l, a.sin_family, inet_ntoa(a.sin_addr),
        a.sin_port ? "set" : "0", a.sin_zero[0] == 0 && a.sin_zero[7] == 0);
}

static void show6(const char *what, int fd, int peer)
{
    struct sockaddr_in6 a;
    socklen_t l = sizeof a;
    int r = peer ? getpeername(fd, (struct sockaddr *)&a, &l) : getsockname(fd, (struct sockaddr *)&a, &l);
    if (r) {
        say("%s: %s\n", what, ct_errname(errno));
        return;
    }
    char buf[64];
    inet_ntop(AF_INET6, &a.sin6_addr, buf, sizeof buf);
    say("%s: len %d family %d addr %s port %s flow %u scope %u\n", what, l, a.sin6_family, buf,
        a.sin6_port ? "set" : "0", a.sin6_flowinfo, a.sin6_scope_id);
}

int main(void)
{
    lo_up();
    int s = socket(AF_INET, SOCK_STREAM, 0);
    show4("v4 unbound name", s, 0);
    show4("v4 unbound peer", s, 1);
    struct sockaddr_in any = {.sin_family = AF_INET};
    RET(bind(s, (struct sockaddr *)&any, sizeof any));
    show4("v4 bound any", s, 0);
    RET(listen(s, 1));
    int port = port_of(s);
    int c = tcp_connect_to(port);
    show4("v4 client name", c, 0);
    show4("v4 client peer", c, 1);
    int a = accept(s, NULL, NULL);
    show4("v4 accepted name", a, 0);
    show4("v4 accepted peer", a, 1);
    struct sockaddr_in small;
    socklen_t sl = 4;
    memset(&small, 0xee, sizeof small);
    RET(getsockname(a, (struct sockaddr *)&small, &sl));
    say("short: len %d family %d rest untouched %d\n", sl, small.sin_family, small.sin_addr.s_addr == 0xeeeeeeee);
    sl = -1;
    RET(getsockname(a, (struct sockaddr *)&small, &sl));
    close(a);
    close(c);
    close(s);

    int u = socket(AF_INET6, SOCK_DGRAM, 0);
    show6("v6 unbound name", u, 0);
    show6("v6 unbound peer", u, 1);
    close(u);
    // A dual-stack listener takes IPv4 connections; they appear as v4-mapped addresses.
    int l6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 any6 = {.sin6_family = AF_INET6};
    RET(bind(l6, (struct sockaddr *)&any6, sizeof any6));
    RET(listen(l6, 2));
    show6("v6 listener", l6, 0);
    port = port_of(l6);
    c = tcp_connect_to(port);
    CHECK(c >= 0);
    a = accept(l6, NULL, NULL);
    show6("v6 accepted (v4 client) name", a, 0);
    show6("v6 accepted (v4 client) peer", a, 1);
    close(a);
    close(c);
    int c6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 to6 = lo6(port);
    RET(connect(c6, (struct sockaddr *)&to6, sizeof to6));
    show6("v6 client name", c6, 0);
    show6("v6 client peer", c6, 1);
    struct sockaddr_in6 from;
    socklen_t fl = sizeof from;
    a = accept(l6, (struct sockaddr *)&from, &fl);
    say("accept addr len %d family %d\n", fl, from.sin6_family);
    close(a);
    close(c6);
    // A v6 socket connecting to a v4-mapped address.
    int l4 = tcp_listener(&port, 1);
    c6 = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 mapped = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr);
    RET(connect(c6, (struct sockaddr *)&mapped, sizeof mapped));
    show6("v6 to mapped name", c6, 0);
    show6("v6 to mapped peer", c6, 1);
    close(c6);
    close(l4);
    close(l6);
    return 0;
}
