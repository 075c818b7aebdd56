// SPDX-License-Identifier: MIT
// sendto/recvfrom with addresses, sendmsg/recvmsg with several iovecs, sendmmsg/recvmmsg, MSG_WAITALL, MSG_PEEK on streams.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/rx"}, b = {AF_UNIX, "/tmp/t/tx"};
    int rx = socket(AF_UNIX, SOCK_DGRAM, 0), tx = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(bind(rx, (struct sockaddr *)&a, sizeof a));
    RET(sendto(tx, "anon", 4, 0, (struct sockaddr *)&a, sizeof a));
    struct sockaddr_un from;
    socklen_t flen = sizeof from;
    char buf[32] = {0};
    RET(recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
    say("from unbound: len %d\n", (int)flen);
    RET(bind(tx, (struct sockaddr *)&b, sizeof b));
    RET(sendto(tx, "named", 5, 0, (struct sockaddr *)&a, sizeof a));
    flen = sizeof from;
    RET(recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen));
    say("from: len %d %s\n", (int)flen, from.sun_path);
    RET(send(tx, "x", 1, 0));
    RET(connect(tx, (struct sockaddr *)&a, sizeof a));
    RET(send(tx, "conn", 4, 0));
    int third = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(connect(rx, (struct sockaddr *)&b, sizeof b));
    RET(sendto(third, "no", 2, 0, (struct sockaddr *)&a, sizeof a));
    struct sockaddr unspec = {AF_UNSPEC};
    RET(connect(rx, &unspec, sizeof unspec));
    RET(sendto(third, "yes", 3, 0, (struct sockaddr *)&a, sizeof a));
    struct sockaddr_un nowhere = {AF_UNIX, "/tmp/t/none"};
    RET(sendto(third, "x", 1, 0, (struct sockaddr *)&nowhere, sizeof nowhere));
    int st = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(st, (struct sockaddr *)&nowhere, sizeof nowhere);
    RET(sendto(third, "x", 1, 0, (struct sockaddr *)&nowhere, sizeof nowhere));

    struct mmsghdr mm[4];
    char bufs[4][16];
    struct iovec iov[4];
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 4; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = sizeof bufs[i];
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    RET(recvmmsg(rx, mm, 4, MSG_DONTWAIT, NULL));
    for (int i = 0; i < 3; i++) say("mm %d: %.*s\n", i, (int)mm[i].msg_len, bufs[i]);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct iovec parts[3] = {{"one-", 4}, {"two-", 4}, {"three", 5}};
    struct msghdr m = {0};
    m.msg_iov = parts;
    m.msg_iovlen = 3;
    RET(sendmsg(sv[0], &m, 0));
    RET(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&a, sizeof a));
    memset(buf, 0, sizeof buf);
    RET(recv(sv[1], buf, 6, MSG_PEEK));
    say("peek: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(recv(sv[1], buf, sizeof buf, 0));
    say("got: %s\n", buf);
    struct mmsghdr out[2];
    memset(out, 0, sizeof out);
    struct iovec o1 = {"AB", 2}, o2 = {"CDE", 3};
    out[0].msg_hdr.msg_iov = &o1;
    out[0].msg_hdr.msg_iovlen = 1;
    out[1].msg_hdr.msg_iov = &o2;
    out[1].msg_hdr.msg_iovlen = 1;
    RET(sendmmsg(sv[0], out, 2, 0));
    say("lens %u %u\n", out[0].msg_len, out[1].msg_len);
    pid_t pid = fork();
    if (pid == 0) {
        ct_msleep(50);
        write(sv[0], "FGH", 3);
        _exit(0);
    }
    memset(buf, 0, sizeof buf);
    RET(recv(sv[1], buf, 8, MSG_WAITALL));
    say("waitall: %s\n", buf);
    ct_wait(pid);

    int dp[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dp);
    send(dp[0], "d1", 2, 0);
    send(dp[0], "d2", 2, 0);
    struct timespec ts = {5, 0};
    RET(recvmmsg(dp[1], mm, 4, MSG_WAITFORONE, &ts));
    FACT("time left", ts.tv_sec > 0 || ts.tv_nsec > 0);
    ts.tv_nsec = 2000000000;
    RET(recvmmsg(dp[1], mm, 4, MSG_DONTWAIT, &ts));
    RET(recvmmsg(dp[1], mm, 4, MSG_DONTWAIT, (struct timespec *)8));
    return 0;
}
