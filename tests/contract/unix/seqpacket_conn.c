// SPDX-License-Identifier: MIT
// SOCK_SEQPACKET over listen/connect/accept: record boundaries, EPROTOTYPE for a type mismatch, a blocking connect on a full backlog.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/sp"};
    int srv = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    RET(bind(srv, (struct sockaddr *)&a, sizeof a));
    RET(listen(srv, 0));
    int wrong = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(connect(wrong, (struct sockaddr *)&a, sizeof a));
    int dg = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(sendto(dg, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
    int c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    RET(connect(c, (struct sockaddr *)&a, sizeof a));
    RET(send(c, "rec1", 4, 0));
    RET(send(c, "record2", 7, 0));
    int s = accept(srv, NULL, NULL);
    char buf[16] = {0};
    RET(recv(s, buf, sizeof buf, 0));
    say("got: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(recv(s, buf, 3, 0));
    say("got: %s\n", buf);
    RET(sendto(c, "addr-ignored", 12, 0, (struct sockaddr *)&a, sizeof a));
    RET(recv(s, buf, sizeof buf, 0));

    // Backlog 0 holds one connection; a blocking connect waits for an accept.
    int c1 = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    RET(connect(c1, (struct sockaddr *)&a, sizeof a));
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        int acc = accept(srv, NULL, NULL);
        _exit(acc >= 0 ? 0 : 1);
    }
    int c2 = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    RET(connect(c2, (struct sockaddr *)&a, sizeof a));
    say("acceptor: %s\n", ct_wait(pid));
    int c3 = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
    RET(connect(c3, (struct sockaddr *)&a, sizeof a));
    RET(close(srv));
    RET(send(c2, "x", 1, MSG_NOSIGNAL));
    RET(recv(c2, buf, sizeof buf, 0));
    return 0;
}
