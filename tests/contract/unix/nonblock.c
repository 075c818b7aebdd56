// SPDX-License-Identifier: MIT
// Non-blocking sockets: EAGAIN on empty reads, on full queues, on accept and on connect to a full backlog; SOCK_NONBLOCK/SOCK_CLOEXEC.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    int sv[2];
    RET(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
    say("fl nonblock %d cloexec %d\n", !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), fcntl(sv[0], F_GETFD));
    say("rdwr %d\n", (fcntl(sv[0], F_GETFL) & O_ACCMODE) == O_RDWR);
    char c;
    RET(read(sv[0], &c, 1));
    static char big[4096];
    long total = 0;
    ssize_t w;
    while ((w = write(sv[0], big, sizeof big)) > 0) total += w;
    say("filled: %s total>64k %d\n", ct_errname(errno), total > 65536);
    int n = 0;
    RET(ioctl(sv[1], FIONREAD, &n));
    FACT("FIONREAD == total", n == total);
    RET(ioctl(sv[0], TIOCOUTQ, &n));
    FACT("SIOCOUTQ >= total", n >= total);
    static char sink[1 << 20];
    long got = 0;
    ssize_t r;
    while ((r = read(sv[1], sink, sizeof sink)) > 0) got += r;
    say("drained: %s same %d\n", ct_errname(errno), got == total);
    RET(ioctl(sv[0], TIOCOUTQ, &n));
    say("outq %d\n", n);

    int d[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
    RET(recv(d[0], &c, 1, MSG_DONTWAIT));
    int lone = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/dg"};
    RET(bind(lone, (struct sockaddr *)&a, sizeof a));
    int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
    int sent = 0;
    while (sendto(sender, "d", 1, MSG_DONTWAIT, (struct sockaddr *)&a, sizeof a) == 1) sent++;
    say("dgram queue: %s after %d\n", ct_errname(errno), sent);
    RET(ioctl(lone, FIONREAD, &n));
    say("first dgram %d\n", n);

    struct sockaddr_un la = {AF_UNIX, "/tmp/t/lst"};
    int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    bind(srv, (struct sockaddr *)&la, sizeof la);
    RET(listen(srv, 0));
    RET(accept(srv, NULL, NULL));
    RET(ioctl(srv, FIONREAD, &n));
    int conns = 0;
    for (int i = 0; i < 5; i++) {
        int c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(c2, (struct sockaddr *)&la, sizeof la) == 0) conns++;
        else { say("connect %d: %s\n", i, ct_errname(errno)); break; }
    }
    say("connected %d\n", conns);
    int s = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
    say("accept4: %s cloexec %d nonblock %d\n", s >= 0 ? "ok" : ct_errname(errno), fcntl(s, F_GETFD),
        !!(fcntl(s, F_GETFL) & O_NONBLOCK));
    return 0;
}
