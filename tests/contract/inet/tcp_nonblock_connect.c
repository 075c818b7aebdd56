// SPDX-License-Identifier: MIT
// Non-blocking connect: EINPROGRESS, then poll and SO_ERROR; connect again (0, then EISCONN); to a closed port the error arrives through SO_ERROR or the second connect.
#include "inet/inet_test.h"

static void wait_out(int s)
{
    struct pollfd p = {.fd = s, .events = POLLOUT};
    int r = poll(&p, 1, 5000);
    say("poll %d revents %s\n", r, pollbits(p.revents));
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 5);
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = lo4(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    wait_out(s);
    int e = -1;
    socklen_t el = sizeof e;
    RET(getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &el));
    say("SO_ERROR %s\n", ct_errname(e));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    int c = accept(l, NULL, NULL);
    CHECK(c >= 0);
    RET(write(s, "hi", 2));
    char buf[4];
    RET(read(c, buf, sizeof buf));
    RET(read(s, buf, sizeof buf));
    close(c);
    close(s);

    // A closed port: the reset comes back as ECONNREFUSED.
    close(l);
    s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    wait_out(s);
    el = sizeof e;
    RET(getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &el));
    say("SO_ERROR %s\n", ct_errname(e));
    RET(getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &el));
    say("SO_ERROR again %s\n", ct_errname(e));
    close(s);
    s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    wait_out(s);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    close(s);
    return 0;
}
