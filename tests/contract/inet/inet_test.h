// SPDX-License-Identifier: MIT
// Helpers for the inet contract tests: bring lo up (it starts DOWN on Linux and Aramid), loopback
// addresses, listeners on ephemeral ports (their numbers are never printed).
#ifndef INET_TEST_H
#define INET_TEST_H
#include "contract.h"
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static inline void lo_up(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    if (ioctl(s, SIOCGIFFLAGS, &r) == 0 && !(r.ifr_flags & IFF_UP)) {
        r.ifr_flags |= IFF_UP;
        if (ioctl(s, SIOCSIFFLAGS, &r)) say("lo up: %s\n", ct_errname(errno));
    }
    close(s);
}

static inline struct sockaddr_in lo4(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    return a;
}

static inline struct sockaddr_in6 lo6(int port)
{
    struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    return a;
}

static inline int port_of(int fd)
{
    struct sockaddr_storage a;
    socklen_t l = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &l)) return -1;
    return a.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&a)->sin6_port)
                                   : ntohs(((struct sockaddr_in *)&a)->sin_port);
}

// A TCP listener on 127.0.0.1 and an ephemeral port (returned in *port).
static inline int tcp_listener(int *port, int backlog)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo4(0);
    if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, backlog)) say("listener: %s\n", ct_errname(errno));
    *port = port_of(s);
    return s;
}

static inline int tcp_connect_to(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo4(port);
    if (connect(s, (struct sockaddr *)&a, sizeof a)) {
        int e = errno;
        close(s);
        errno = e;
        return -1;
    }
    return s;
}

static inline int in_range(int port) { return port >= 32768 && port <= 60999; }

static inline const char *pollbits(int r)
{
    static char buf[128];
    buf[0] = 0;
    if (r & POLLIN) strcat(buf, "IN ");
    if (r & POLLPRI) strcat(buf, "PRI ");
    if (r & POLLOUT) strcat(buf, "OUT ");
    if (r & POLLERR) strcat(buf, "ERR ");
    if (r & POLLHUP) strcat(buf, "HUP ");
    if (r & POLLNVAL) strcat(buf, "NVAL ");
    if (r & POLLRDHUP) strcat(buf, "RDHUP ");
    if (!buf[0]) strcat(buf, "- ");
    buf[strlen(buf) - 1] = 0;
    return buf;
}

static inline int revents(int fd, int events)
{
    struct pollfd p = {.fd = fd, .events = events};
    int r = poll(&p, 1, 0);
    return r < 0 ? -1 : p.revents;
}

// Reads exactly n bytes (or to EOF); returns the count.
static inline ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0) return got ? (ssize_t)got : r;
        got += r;
    }
    return got;
}
#endif
