// SPDX-License-Identifier: MIT
// A TCP socket connecting to its own address and port (a simultaneous open with itself): the connection is established and carries data to itself.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo4(0);
    RET(bind(s, (struct sockaddr *)&a, sizeof a));
    a = lo4(port_of(s));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    struct sockaddr_in me, peer;
    socklen_t ml = sizeof me, pl = sizeof peer;
    getsockname(s, (struct sockaddr *)&me, &ml);
    getpeername(s, (struct sockaddr *)&peer, &pl);
    say("peer is self %d\n", me.sin_port == peer.sin_port && me.sin_addr.s_addr == peer.sin_addr.s_addr);
    RET(write(s, "mirror", 6));
    char buf[16];
    RET(read(s, buf, sizeof buf));
    RET(shutdown(s, SHUT_WR));
    RET(read(s, buf, sizeof buf));
    close(s);
    return 0;
}
