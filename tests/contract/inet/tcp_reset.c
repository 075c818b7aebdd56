// SPDX-License-Identifier: MIT
// Connection resets: close with unread data and SO_LINGER {1,0} send RST (the peer reads ECONNRESET once, then EOF; writes EPIPE); writing to a peer that closed gets a reset back; unaccepted connections are reset when the listener closes.
#include "inet/inet_test.h"

static void pair(int *a, int *b)
{
    int port;
    int l = tcp_listener(&port, 1);
    *a = tcp_connect_to(port);
    *b = accept(l, NULL, NULL);
    close(l);
}

int main(void)
{
    lo_up();
    signal(SIGPIPE, SIG_IGN);
    int a, b;
    char buf[16];
    pair(&a, &b);
    RET(write(a, "unread", 6));
    usleep(10000);
    close(b);   // unread data: RST instead of FIN
    usleep(10000);
    say("poll %s\n", pollbits(revents(a, POLLIN | POLLOUT | POLLRDHUP)));
    RET(read(a, buf, sizeof buf));
    RET(read(a, buf, sizeof buf));
    RET(write(a, "x", 1));
    close(a);

    pair(&a, &b);
    struct linger lg = {1, 0};
    RET(setsockopt(b, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    close(b);
    usleep(10000);
    RET(write(a, "x", 1));
    RET(write(a, "x", 1));
    RET(read(a, buf, sizeof buf));
    close(a);

    // The peer closed normally; our first write is accepted, the reset it provokes fails the next.
    pair(&a, &b);
    close(b);
    usleep(10000);
    RET(read(a, buf, sizeof buf));
    RET(write(a, "one", 3));
    usleep(10000);
    say("poll %s\n", pollbits(revents(a, POLLIN | POLLOUT | POLLRDHUP)));
    RET(write(a, "two", 3));
    RET(write(a, "three", 5));
    RET(read(a, buf, sizeof buf));
    int e;
    socklen_t el = sizeof e;
    getsockopt(a, SOL_SOCKET, SO_ERROR, &e, &el);
    say("SO_ERROR %s\n", ct_errname(e));
    close(a);

    // Connections still in the accept queue are reset when the listener goes.
    int port;
    int l = tcp_listener(&port, 4);
    int c1 = tcp_connect_to(port), c2 = tcp_connect_to(port);
    RET(write(c1, "q", 1));
    close(l);
    usleep(10000);
    RET(read(c1, buf, sizeof buf));
    RET(read(c2, buf, sizeof buf));
    RET(read(c2, buf, sizeof buf));
    close(c1);
    close(c2);
    // The port is free again for a new listener.
    l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a4 = lo4(port);
    RET(bind(l, (struct sockaddr *)&a4, sizeof a4));
    close(l);
    return 0;
}
