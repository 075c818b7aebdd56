// SPDX-License-Identifier: MIT
// SO_TIMESTAMP on AF_UNIX (systemd-journald refuses to start without it): getsockopt reports it,
// datagram and seqpacket receives carry SCM_TIMESTAMP (a struct timeval taken at the send) ahead of
// SCM_CREDENTIALS; what a stream receive carries; no timestamp once it is turned off.
#include "contract.h"
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

static void show_cmsgs(int fd, const struct timeval *before, const struct timeval *after)
{
    char data[16];
    union { char buf[256]; struct cmsghdr align; } ctl;
    struct iovec iov = {data, sizeof data};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl.buf;
    m.msg_controllen = sizeof ctl.buf;
    ssize_t n = recvmsg(fd, &m, MSG_DONTWAIT);
    if (n < 0) { say("  recvmsg: %s\n", ct_errname(errno)); return; }
    say("  %zd bytes, flags 0x%x, controllen %zu\n", n, m.msg_flags, (size_t)m.msg_controllen);
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        say("  cmsg level %d type %d len %zu\n", c->cmsg_level, c->cmsg_type, (size_t)c->cmsg_len);
        if (c->cmsg_type == SCM_TIMESTAMP) {
            struct timeval tv;
            memcpy(&tv, CMSG_DATA(c), sizeof tv);
            int ok = timercmp(before, &tv, <=) && timercmp(&tv, after, <=) && tv.tv_usec < 1000000;
            say("  stamp between send start and end: %s\n", ok ? "yes" : "no");
        }
    }
}

static void one(const char *label, int type, int passcred)
{
    int sv[2], on = 1, v = 0;
    socklen_t len = sizeof v;
    socketpair(AF_UNIX, type, 0, sv);
    say("%s%s:\n", label, passcred ? " with SO_PASSCRED" : "");
    RET(setsockopt(sv[1], SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on));
    RET(getsockopt(sv[1], SOL_SOCKET, SO_TIMESTAMP, &v, &len));
    say("  value %d len %d\n", v, (int)len);
    if (passcred) setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    struct timeval before, after;
    gettimeofday(&before, NULL);
    write(sv[0], "hello", 5);
    gettimeofday(&after, NULL);
    show_cmsgs(sv[1], &before, &after);
    int off = 0;
    RET(setsockopt(sv[1], SOL_SOCKET, SO_TIMESTAMP, &off, sizeof off));
    write(sv[0], "again", 5);
    show_cmsgs(sv[1], &before, &after);
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    int lone = socket(AF_UNIX, SOCK_DGRAM, 0), v = -1;
    socklen_t len = sizeof v;
    RET(getsockopt(lone, SOL_SOCKET, SO_TIMESTAMP, &v, &len));
    say("default %d\n", v);
    one("dgram", SOCK_DGRAM, 0);
    one("dgram", SOCK_DGRAM, 1);
    one("seqpacket", SOCK_SEQPACKET, 0);
    one("stream", SOCK_STREAM, 0);
    return 0;
}
