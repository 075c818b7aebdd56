// SPDX-License-Identifier: MIT
// Blocking connect to a port nobody listens on: ECONNREFUSED (the SYN is answered by RST); the same socket connects once a listener exists; unreachable destinations.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 5);
    close(l);   // the port is free again: nobody listens
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo4(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    int e = -1;
    socklen_t el = sizeof e;
    RET(getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &el));
    say("SO_ERROR after refused %s\n", ct_errname(e));
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    RET(getpeername(s, (struct sockaddr *)&peer, &pl));
    // A listener appears on the same port: the socket can try again.
    l = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    RET(bind(l, (struct sockaddr *)&a, sizeof a));
    RET(listen(l, 1));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    close(s);
    close(l);
    // Other loopback addresses reach the same host; 0.0.0.0 means this host.
    l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(port)};
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    RET(bind(l, (struct sockaddr *)&any, sizeof any));
    RET(listen(l, 4));
    s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a2 = a;
    a2.sin_addr.s_addr = htonl(0x7f000005);
    RET(connect(s, (struct sockaddr *)&a2, sizeof a2));
    struct sockaddr_in me;
    socklen_t ml = sizeof me;
    getsockname(s, (struct sockaddr *)&me, &ml);
    say("local addr %s\n", inet_ntoa(me.sin_addr));
    close(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    RET(connect(s, (struct sockaddr *)&any, sizeof any));
    ml = sizeof me;
    getsockname(s, (struct sockaddr *)&me, &ml);
    say("local addr %s\n", inet_ntoa(me.sin_addr));
    pl = sizeof peer;
    getpeername(s, (struct sockaddr *)&peer, &pl);
    say("peer addr %s\n", inet_ntoa(peer.sin_addr));
    close(s);
    close(l);
    // No route off this host.
    s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in far = {.sin_family = AF_INET, .sin_port = htons(80), .sin_addr.s_addr = htonl(0x0a000001)};
    RET(connect(s, (struct sockaddr *)&far, sizeof far));
    close(s);
    s = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 far6 = {.sin6_family = AF_INET6, .sin6_port = htons(80)};
    inet_pton(AF_INET6, "2001:db8::1", &far6.sin6_addr);
    RET(connect(s, (struct sockaddr *)&far6, sizeof far6));
    close(s);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    RET(sendto(s, "x", 1, 0, (struct sockaddr *)&far, sizeof far));
    RET(connect(s, (struct sockaddr *)&far, sizeof far));
    close(s);
    return 0;
}
