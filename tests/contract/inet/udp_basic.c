// SPDX-License-Identifier: MIT
// UDP on 127.0.0.1: sendto/recvfrom with addresses, MSG_PEEK, truncation (MSG_TRUNC), FIONREAD, connect as default peer, EDESTADDRREQ, ICMP port unreachable as ECONNREFUSED, AF_UNSPEC disconnect.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = lo4(0);
    RET(bind(b, (struct sockaddr *)&any, sizeof any));
    int bport = port_of(b);
    struct sockaddr_in to = lo4(bport);
    RET(sendto(a, "hello", 5, 0, (struct sockaddr *)&to, sizeof to));
    CHECK(in_range(port_of(a)));
    int n = -1;
    RET(ioctl(b, FIONREAD, &n));
    say("FIONREAD %d\n", n);
    char buf[64];
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    RET(recvfrom(b, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &fl));
    say("from len %d addr %s port matches %d\n", fl, inet_ntoa(from.sin_addr), ntohs(from.sin_port) == port_of(a));
    RET(recvfrom(b, buf, 2, 0, NULL, NULL));
    RET(recv(b, buf, sizeof buf, MSG_DONTWAIT));
    // Truncation: recvmsg reports MSG_TRUNC; recv(MSG_TRUNC) returns the real length.
    RET(sendto(a, "0123456789", 10, 0, (struct sockaddr *)&to, sizeof to));
    RET(sendto(a, "abcdefghij", 10, 0, (struct sockaddr *)&to, sizeof to));
    struct iovec iov = {buf, 4};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_name = &from, .msg_namelen = sizeof from};
    RET(recvmsg(b, &m, 0));
    say("msg_flags TRUNC %d namelen %d\n", !!(m.msg_flags & MSG_TRUNC), m.msg_namelen);
    RET(recv(b, buf, 3, MSG_TRUNC));
    // Zero-length datagrams exist.
    RET(sendto(a, "", 0, 0, (struct sockaddr *)&to, sizeof to));
    RET(recv(b, buf, sizeof buf, 0));
    // send without a destination; then connect makes one.
    RET(send(a, "x", 1, 0));
    RET(connect(a, (struct sockaddr *)&to, sizeof to));
    RET(send(a, "conn", 4, 0));
    RET(recv(b, buf, sizeof buf, 0));
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    RET(getpeername(a, (struct sockaddr *)&peer, &pl));
    // A connected socket only hears from its peer.
    int c = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ato = lo4(port_of(a));
    RET(sendto(c, "stranger", 8, 0, (struct sockaddr *)&ato, sizeof ato));
    RET(sendto(b, "friend", 6, 0, (struct sockaddr *)&ato, sizeof ato));
    n = recv(a, buf, sizeof buf, MSG_DONTWAIT);
    say("a got %d %.*s\n", n, n > 0 ? n : 0, buf);
    RET(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    // Port unreachable: the next call on the connected socket fails with ECONNREFUSED.
    close(b);
    RET(send(a, "lost", 4, 0));
    RET(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    RET(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    RET(send(a, "lost", 4, 0));
    RET(send(a, "lost", 4, 0));
    int e = 0;
    socklen_t el = sizeof e;
    getsockopt(a, SOL_SOCKET, SO_ERROR, &e, &el);
    say("SO_ERROR %s\n", ct_errname(e));
    // An unconnected socket is not told.
    RET(sendto(c, "lost", 4, 0, (struct sockaddr *)&to, sizeof to));
    RET(recv(c, buf, sizeof buf, MSG_DONTWAIT));
    // AF_UNSPEC dissolves the association.
    struct sockaddr un = {.sa_family = AF_UNSPEC};
    RET(connect(a, &un, sizeof un));
    pl = sizeof peer;
    RET(getpeername(a, (struct sockaddr *)&peer, &pl));
    RET(send(a, "x", 1, 0));
    // Sizes.
    static char big[70000];
    int d = socket(AF_INET, SOCK_DGRAM, 0);
    RET(bind(d, (struct sockaddr *)&any, sizeof any));
    struct sockaddr_in dto = lo4(port_of(d));
    RET(sendto(c, big, 65507, 0, (struct sockaddr *)&dto, sizeof dto));
    RET(sendto(c, big, 65508, 0, (struct sockaddr *)&dto, sizeof dto));
    RET(recv(d, big, sizeof big, 0));
    RET(sendto(c, "x", 1, 0, (struct sockaddr *)&(struct sockaddr_in){.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)}, sizeof to));
    RET(sendto(c, "x", 1, 0, (struct sockaddr *)&to, 8));
    RET(sendto(c, "x", 1, 0, (struct sockaddr *)&(struct sockaddr_in6){.sin6_family = AF_INET6}, sizeof(struct sockaddr_in6)));
    return 0;
}
