// SPDX-License-Identifier: MIT
// SCM_RIGHTS: a pipe end passed to a forked child and used there; MSG_CTRUNC when the control buffer is short; MSG_CMSG_CLOEXEC.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "scm.h"

int main(void)
{
    int sv[2], p[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        char ctl[CMSG_SPACE(sizeof(int))], c;
        struct iovec iov = {&c, 1};
        struct msghdr m = {0};
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        m.msg_control = ctl;
        m.msg_controllen = sizeof ctl;
        if (recvmsg(sv[1], &m, 0) != 1) _exit(10);
        struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
        if (!cm || cm->cmsg_type != SCM_RIGHTS || cm->cmsg_len != CMSG_LEN(sizeof(int))) _exit(11);
        int fd;
        memcpy(&fd, CMSG_DATA(cm), sizeof fd);
        if (write(fd, "via-scm", 7) != 7) _exit(12);
        _exit(0);
    }
    close(sv[1]);
    RET(send_fds(sv[0], &p[1], 1));
    close(p[1]);
    say("child: %s\n", ct_wait(pid));
    char buf[16] = {0};
    RET(read(p[0], buf, sizeof buf));
    say("pipe got: %s\n", buf);

    int s2[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, s2);
    int three[3] = {p[0], p[0], 0};
    RET(send_fds(s2[0], three, 3));
    char ctl[CMSG_SPACE(sizeof(int))];
    char c;
    struct iovec iov = {&c, 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    RET(recvmsg(s2[1], &m, 0));
    say("ctrunc %d controllen %d\n", !!(m.msg_flags & MSG_CTRUNC), (int)m.msg_controllen);
    RET(send_fds(s2[0], three, 1));
    m.msg_control = NULL;
    m.msg_controllen = 0;
    RET(recvmsg(s2[1], &m, 0));
    say("no buffer: ctrunc %d\n", !!(m.msg_flags & MSG_CTRUNC));
    RET(send_fds(s2[0], three, 1));
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    RET(recvmsg(s2[1], &m, MSG_CMSG_CLOEXEC));
    int got;
    memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof got);
    say("cloexec %d\n", fcntl(got, F_GETFD));
    struct stat a, b;
    fstat(got, &a);
    fstat(p[0], &b);
    FACT("same pipe", a.st_ino == b.st_ino);
    int bad = 999;
    RET(send_fds(s2[0], &bad, 1));
    RET(recv(s2[1], &c, 1, MSG_DONTWAIT));
    return 0;
}
