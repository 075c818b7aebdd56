// SPDX-License-Identifier: MIT
// socketpair(SOCK_DGRAM) and SOCK_SEQPACKET keep message boundaries; MSG_TRUNC and MSG_PEEK.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static void run(int type, const char *name)
{
    say("-- %s\n", name);
    int sv[2];
    RET(socketpair(AF_UNIX, type, 0, sv));
    RET(send(sv[0], "one", 3, 0));
    RET(send(sv[0], "second", 6, 0));
    RET(send(sv[0], "", 0, 0));
    char buf[64] = {0};
    RET(recv(sv[1], buf, sizeof buf, MSG_PEEK));
    say("peek: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(recv(sv[1], buf, sizeof buf, 0));
    say("got: %s\n", buf);
    memset(buf, 0, sizeof buf);
    struct msghdr m = {0};
    struct iovec iov = {buf, 3};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    RET(recvmsg(sv[1], &m, 0));
    say("got: %s trunc=%d\n", buf, !!(m.msg_flags & MSG_TRUNC));
    RET(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    RET(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    RET(send(sv[0], "abcdefgh", 8, 0));
    RET(recv(sv[1], buf, 2, MSG_TRUNC));
    int type_out = 0;
    socklen_t len = sizeof type_out;
    RET(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type_out, &len));
    say("SO_TYPE: %d len %d\n", type_out, (int)len);
    RET(close(sv[0]));
    RET(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    close(sv[1]);
}

int main(void)
{
    run(SOCK_DGRAM, "dgram");
    run(SOCK_SEQPACKET, "seqpacket");
    return 0;
}
