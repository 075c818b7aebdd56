// SPDX-License-Identifier: MIT
// Socket options of TCP and UDP sockets: SO_TYPE/PROTOCOL/DOMAIN/ACCEPTCONN/ERROR, flags (REUSEADDR, REUSEPORT, KEEPALIVE, BROADCAST), buffer sizes (doubled), SO_LINGER, timeouts, TCP_NODELAY, TCP_MAXSEG, IP_TTL, IPV6_V6ONLY, bad levels and names.
#include "inet/inet_test.h"

static void geti(int fd, int level, int name, const char *what)
{
    int v = -12345;
    socklen_t l = sizeof v;
    int r = getsockopt(fd, level, name, &v, &l);
    if (r) say("%s: %s\n", what, ct_errname(errno));
    else say("%s: %d (len %d)\n", what, v, l);
}

static void seti(int fd, int level, int name, int v, const char *what)
{
    int r = setsockopt(fd, level, name, &v, sizeof v);
    say("set %s %d: %s\n", what, v, r ? ct_errname(errno) : "ok");
}

#define G(fd, l, n) geti(fd, l, n, #fd " " #n)
#define S(fd, l, n, v) seti(fd, l, n, v, #fd " " #n)

int main(void)
{
    lo_up();
    int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), t6 = socket(AF_INET6, SOCK_STREAM, 0);
    G(t, SOL_SOCKET, SO_TYPE);
    G(u, SOL_SOCKET, SO_TYPE);
    G(t, SOL_SOCKET, SO_PROTOCOL);
    G(u, SOL_SOCKET, SO_PROTOCOL);
    G(t6, SOL_SOCKET, SO_DOMAIN);
    G(t, SOL_SOCKET, SO_ACCEPTCONN);
    G(t, SOL_SOCKET, SO_ERROR);
    G(t, SOL_SOCKET, SO_REUSEADDR);
    S(t, SOL_SOCKET, SO_REUSEADDR, 5);
    G(t, SOL_SOCKET, SO_REUSEADDR);
    S(t, SOL_SOCKET, SO_REUSEPORT, 1);
    G(t, SOL_SOCKET, SO_REUSEPORT);
    S(t, SOL_SOCKET, SO_KEEPALIVE, 1);
    G(t, SOL_SOCKET, SO_KEEPALIVE);
    S(u, SOL_SOCKET, SO_BROADCAST, 1);
    G(u, SOL_SOCKET, SO_BROADCAST);
    G(t, SOL_SOCKET, SO_SNDBUF);
    G(t, SOL_SOCKET, SO_RCVBUF);
    G(u, SOL_SOCKET, SO_SNDBUF);
    G(u, SOL_SOCKET, SO_RCVBUF);
    S(t, SOL_SOCKET, SO_SNDBUF, 10000);
    G(t, SOL_SOCKET, SO_SNDBUF);
    S(t, SOL_SOCKET, SO_RCVBUF, 1);
    G(t, SOL_SOCKET, SO_RCVBUF);
    S(u, SOL_SOCKET, SO_RCVBUF, 1 << 30);
    G(u, SOL_SOCKET, SO_RCVBUF);
    struct linger lg = {1, 7};
    RET(setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    memset(&lg, 0, sizeof lg);
    socklen_t ll = sizeof lg;
    RET(getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &ll));
    say("linger %d %d len %d\n", lg.l_onoff, lg.l_linger, ll);
    struct timeval tv = {1, 500000};
    RET(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    memset(&tv, 0, sizeof tv);
    socklen_t tl = sizeof tv;
    RET(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl));
    say("rcvtimeo %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
    G(t, IPPROTO_TCP, TCP_NODELAY);
    S(t, IPPROTO_TCP, TCP_NODELAY, 1);
    G(t, IPPROTO_TCP, TCP_NODELAY);
    G(t, IPPROTO_TCP, TCP_MAXSEG);
    S(t, IPPROTO_TCP, TCP_MAXSEG, 20);
    G(u, IPPROTO_TCP, TCP_NODELAY);
    S(u, IPPROTO_TCP, TCP_NODELAY, 1);
    G(t, IPPROTO_IP, IP_TTL);
    S(t, IPPROTO_IP, IP_TTL, 7);
    G(t, IPPROTO_IP, IP_TTL);
    S(t, IPPROTO_IP, IP_TTL, 0);
    S(t, IPPROTO_IP, IP_TTL, 256);
    S(t, IPPROTO_IP, IP_TTL, -1);
    G(t, IPPROTO_IP, IP_TTL);
    G(t6, IPPROTO_IPV6, IPV6_V6ONLY);
    S(t6, IPPROTO_IPV6, IPV6_V6ONLY, 1);
    G(t6, IPPROTO_IPV6, IPV6_V6ONLY);
    G(t6, IPPROTO_IPV6, IPV6_UNICAST_HOPS);
    G(t, IPPROTO_IPV6, IPV6_V6ONLY);
    G(t, SOL_SOCKET, 9999);
    S(t, SOL_SOCKET, 9999, 1);
    G(t, IPPROTO_TCP, 9999);
    G(t, 12345, 1);
    S(t, 12345, 1, 1);
    RET(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
    RET(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "nosuch0", 8));
    RET(setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "", 1));
    int v = 1;
    RET(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, 2));
    RET(setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, 1));
    // A connected socket: the MSS of loopback, the listener's flag, options inherited by accept.
    int port;
    int l = tcp_listener(&port, 1);
    G(l, SOL_SOCKET, SO_ACCEPTCONN);
    int c = tcp_connect_to(port);
    int a = accept(l, NULL, NULL);
    int mss = 0;
    socklen_t ml = sizeof mss;
    RET(getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, &ml));
    say("connected MSS beyond the default: %d\n", mss > 536);
    G(a, SOL_SOCKET, SO_ACCEPTCONN);
    // IPV6_V6ONLY is fixed once bound.
    struct sockaddr_in6 any6 = {.sin6_family = AF_INET6};
    RET(bind(t6, (struct sockaddr *)&any6, sizeof any6));
    S(t6, IPPROTO_IPV6, IPV6_V6ONLY, 0);
    close(a);
    close(c);
    close(l);
    return 0;
}
