// SPDX-License-Identifier: MIT
// socket()/socketpair() argument errors, socket calls on non-sockets, and state errors (ENOTCONN, EINVAL, EOPNOTSUPP).
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    RET(socket(-1, SOCK_STREAM, 0));
    RET(socket(46, SOCK_STREAM, 0));
    RET(socket(AF_UNIX, 0, 0));
    RET(socket(AF_UNIX, 4, 0));
    RET(socket(AF_UNIX, 11, 0));
    RET(socket(AF_UNIX, SOCK_STREAM, 2));
    RET(socket(AF_UNIX, SOCK_STREAM | 0x100, 0));
    OK(socket(AF_UNIX, SOCK_STREAM, AF_UNIX));
    int raw = socket(AF_UNIX, SOCK_RAW, 0);
    int t = 0;
    socklen_t tl = sizeof t;
    getsockopt(raw, SOL_SOCKET, SO_TYPE, &t, &tl);
    say("raw is type %d\n", t);
    RET(socketpair(AF_UNIX, SOCK_STREAM, 0, (int *)8));
    int sv[2];
    RET(socketpair(AF_UNIX, 7, 0, sv));
    int fd = open("/tmp/t/f", O_CREAT | O_RDWR, 0600);
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/x"};
    RET(bind(fd, (struct sockaddr *)&a, sizeof a));
    RET(listen(fd, 1));
    RET(accept(fd, NULL, NULL));
    RET(connect(fd, (struct sockaddr *)&a, sizeof a));
    RET(shutdown(fd, SHUT_RD));
    RET(send(fd, "x", 1, 0));
    RET(recv(fd, &t, 1, 0));
    RET(getsockopt(fd, SOL_SOCKET, SO_TYPE, &t, &tl));
    RET(listen(999, 1));
    RET(send(999, "x", 1, 0));
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(send(s, "x", 1, 0));
    RET(recv(s, &t, 1, MSG_DONTWAIT));
    RET(write(s, "x", 1));
    RET(listen(s, 1));
    RET(accept(s, NULL, NULL));
    RET(accept4(s, NULL, NULL, 0x4));
    RET(shutdown(s, 3));
    RET(shutdown(s, -1));
    RET(shutdown(s, SHUT_RDWR));
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(listen(d, 1));
    RET(accept(d, NULL, NULL));
    RET(send(d, "x", 1, 0));
    RET(recv(d, &t, 1, MSG_OOB));
    int q = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    RET(send(q, "x", 1, 0));
    RET(recv(q, &t, 1, 0));
    RET(connect(d, (struct sockaddr *)&a, 1));
    RET(connect(d, (struct sockaddr *)&a, -1));
    RET(connect(d, (struct sockaddr *)&a, 129));
    return 0;
}
