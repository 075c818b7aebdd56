// SPDX-License-Identifier: MIT
// Edge cases: sends after the peer closed (seqpacket, connected datagram), SO_ERROR, a 1 MiB stream transfer, passing a socket over itself.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static volatile sig_atomic_t pipes;
static void on_pipe(int sig) { (void)sig; pipes++; }

int main(void)
{
    signal(SIGPIPE, on_pipe);
    int sv[2];
    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
    close(sv[1]);
    RET(send(sv[0], "x", 1, 0));
    say("sigpipe %d\n", (int)pipes);
    int e = -1;
    socklen_t el = sizeof e;
    getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &el);
    say("SO_ERROR %s\n", ct_errname(e));
    close(sv[0]);

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    close(sv[1]);
    RET(send(sv[0], "x", 1, 0));
    RET(send(sv[0], "x", 1, 0));
    say("sigpipe %d\n", (int)pipes);
    close(sv[0]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    send(sv[1], "abc", 3, 0);
    close(sv[1]);
    char buf[8];
    RET(recv(sv[0], buf, sizeof buf, 0));
    RET(recv(sv[0], buf, sizeof buf, 0));
    el = sizeof e;
    getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &el);
    say("SO_ERROR %s\n", ct_errname(e));
    close(sv[0]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        static char big[1 << 20];
        for (size_t i = 0; i < sizeof big; i++) big[i] = (char)(i * 7);
        _exit(ct_write_full(sv[1], big, sizeof big) == sizeof big ? 0 : 1);
    }
    close(sv[1]);
    static char in[1 << 20];
    RET(ct_read_full(sv[0], in, sizeof in));
    int ok = 1;
    for (size_t i = 0; i < sizeof in; i++) ok &= in[i] == (char)(i * 7);
    FACT("1 MiB intact", ok);
    say("writer: %s\n", ct_wait(pid));
    RET(read(sv[0], buf, 1));
    close(sv[0]);

    // A socket sent through itself (in flight until the pair goes).
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    char ctl[CMSG_SPACE(sizeof(int))];
    struct iovec iov = {"s", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &sv[1], sizeof(int));
    RET(sendmsg(sv[0], &m, 0));
    int n = 0;
    RET(ioctl(sv[1], FIONREAD, &n));
    say("inq %d\n", n);
    RET(close(sv[0]));
    RET(close(sv[1]));

    struct sockaddr_un a = {AF_UNIX, "/tmp/t/lq"};
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, sizeof a);
    listen(srv, 1);
    RET(ioctl(srv, FIONREAD, &n));
    RET(send(srv, "x", 1, 0));
    RET(recv(srv, buf, 1, 0));
    RET(listen(srv, 10));
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(cl, (struct sockaddr *)&a, sizeof a);
    RET(listen(cl, 1));
    RET(bind(cl, (struct sockaddr *)&a, sizeof a));
    return 0;
}
