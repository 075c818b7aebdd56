// SPDX-License-Identifier: MIT
// TCP shutdown: SHUT_WR gives the peer EOF while it can still send back; writes after it are EPIPE with SIGPIPE (none with MSG_NOSIGNAL); SHUT_RD; errors on unconnected sockets.
#include "inet/inet_test.h"

static int pipes;
static void on_pipe(int sig) { (void)sig; pipes++; }

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
    signal(SIGPIPE, on_pipe);
    int a, b;
    pair(&a, &b);
    RET(shutdown(a, SHUT_WR));
    char buf[16];
    RET(read(b, buf, sizeof buf));
    say("b poll %s\n", pollbits(revents(b, POLLIN | POLLOUT | POLLRDHUP)));
    RET(write(b, "back", 4));
    RET(read(a, buf, sizeof buf));
    RET(write(a, "x", 1));
    say("SIGPIPE count %d\n", pipes);
    RET(send(a, "x", 1, MSG_NOSIGNAL));
    say("SIGPIPE count %d\n", pipes);
    say("a poll %s\n", pollbits(revents(a, POLLIN | POLLOUT | POLLRDHUP)));
    RET(shutdown(b, SHUT_WR));
    RET(read(a, buf, sizeof buf));
    say("a poll %s\n", pollbits(revents(a, POLLIN | POLLOUT | POLLRDHUP)));
    say("b poll %s\n", pollbits(revents(b, POLLIN | POLLOUT | POLLRDHUP)));
    RET(shutdown(a, SHUT_RDWR));
    close(a);
    close(b);

    // SHUT_RD: queued data can still be read, then EOF; the peer may keep writing.
    pair(&a, &b);
    RET(write(b, "data", 4));
    usleep(10000);
    RET(shutdown(a, SHUT_RD));
    RET(read(a, buf, sizeof buf));
    RET(read(a, buf, sizeof buf));
    say("a poll %s\n", pollbits(revents(a, POLLIN | POLLOUT | POLLRDHUP)));
    RET(write(a, "still", 5));
    RET(read(b, buf, sizeof buf));
    close(a);
    close(b);

    // Unconnected and bad arguments.
    int s = socket(AF_INET, SOCK_STREAM, 0);
    RET(shutdown(s, SHUT_RDWR));
    RET(shutdown(s, 7));
    RET(write(s, "x", 1));
    say("SIGPIPE count %d\n", pipes);
    RET(read(s, buf, sizeof buf));
    RET(recv(s, buf, sizeof buf, MSG_DONTWAIT));
    close(s);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    RET(shutdown(s, SHUT_WR));
    struct sockaddr_in to = lo4(9);
    RET(sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to));
    say("SIGPIPE count %d\n", pipes);
    RET(recv(s, buf, sizeof buf, MSG_DONTWAIT));
    RET(shutdown(s, SHUT_RD));
    RET(recv(s, buf, sizeof buf, 0));
    say("udp poll %s\n", pollbits(revents(s, POLLIN | POLLOUT | POLLRDHUP)));
    close(s);
    int port;
    int l = tcp_listener(&port, 1);
    RET(shutdown(l, SHUT_WR));
    RET(shutdown(l, SHUT_RD));
    RET(accept(l, NULL, NULL));
    s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a4 = lo4(port);
    RET(connect(s, (struct sockaddr *)&a4, sizeof a4));
    close(s);
    close(l);
    return 0;
}
