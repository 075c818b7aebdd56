// SPDX-License-Identifier: MIT
// Errors of the inet socket calls: unsupported types and protocols, socketpair, listen on UDP, accept on a socket that does not listen, connect to the wrong family or a short address, EISCONN, sending on unconnected TCP.
#include "inet/inet_test.h"

int main(void)
{
    lo_up();
    signal(SIGPIPE, SIG_IGN);
    RET(socket(AF_INET, SOCK_SEQPACKET, 0));
    RET(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
    RET(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
    RET(socket(AF_INET6, SOCK_STREAM, 99));
    int sv[2];
    RET(socketpair(AF_INET, SOCK_STREAM, 0, sv));
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    say("flags nonblock %d cloexec %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK), !!(fcntl(s, F_GETFD) & FD_CLOEXEC));
    struct stat st;
    fstat(s, &st);
    say("S_ISSOCK %d\n", S_ISSOCK(st.st_mode));
    RET(accept(s, NULL, NULL));
    struct sockaddr_in a = lo4(1);
    RET(connect(s, (struct sockaddr *)&a, 8));
    a.sin_family = AF_INET6;
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    RET(send(s, "x", 1, 0));
    RET(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
    close(s);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    RET(listen(u, 1));
    RET(accept(u, NULL, NULL));
    close(u);
    int port;
    int l = tcp_listener(&port, 1);
    s = tcp_connect_to(port);
    a = lo4(port);
    RET(connect(s, (struct sockaddr *)&a, sizeof a));
    RET(listen(s, 1));
    RET(connect(l, (struct sockaddr *)&a, sizeof a));
    RET(send(l, "x", 1, 0));
    RET(recv(l, &port, 1, 0));
    int fl = fcntl(l, F_GETFL);
    fcntl(l, F_SETFL, fl | O_NONBLOCK);
    int c = accept4(l, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    say("accept4 nonblock %d cloexec %d\n", !!(fcntl(c, F_GETFL) & O_NONBLOCK), !!(fcntl(c, F_GETFD) & FD_CLOEXEC));
    RET(accept(l, NULL, NULL));
    RET(listen(l, 10));
    close(c);
    close(s);
    close(l);
    RET(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
    return 0;
}
