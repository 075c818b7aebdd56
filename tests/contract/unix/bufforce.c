// SPDX-License-Identifier: MIT
// SO_SNDBUFFORCE/SO_RCVBUFFORCE (journald's sockets ask for them): CAP_NET_ADMIN, no sysctl maximum,
// negative values as 0, still doubled; getsockopt does not know them. SO_PASSSEC is a flag.
#include "contract.h"
#include <limits.h>
#include <sys/socket.h>

static void set_show(int fd, int opt, const char *name, int val, int read_opt)
{
    int r = setsockopt(fd, SOL_SOCKET, opt, &val, sizeof val);
    int v = -1;
    socklen_t len = sizeof v;
    getsockopt(fd, SOL_SOCKET, read_opt, &v, &len);
    say("%s %d: %s, reads %d\n", name, val, r ? ct_errname(errno) : "ok", v);
}

int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    set_show(sv[0], SO_SNDBUF, "SO_SNDBUF", 1 << 22, SO_SNDBUF);
    set_show(sv[0], SO_SNDBUFFORCE, "SO_SNDBUFFORCE", 1 << 22, SO_SNDBUF);
    set_show(sv[0], SO_SNDBUFFORCE, "SO_SNDBUFFORCE", -5, SO_SNDBUF);
    set_show(sv[0], SO_RCVBUFFORCE, "SO_RCVBUFFORCE", 8 << 20, SO_RCVBUF);
    set_show(sv[0], SO_RCVBUFFORCE, "SO_RCVBUFFORCE", INT_MAX, SO_RCVBUF);
    set_show(sv[0], SO_RCVBUFFORCE, "SO_RCVBUFFORCE", 100, SO_RCVBUF);
    int v, r;
    socklen_t len = sizeof v;
    RET(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUFFORCE, &v, &len));
    set_show(sv[1], SO_PASSSEC, "SO_PASSSEC", 0, SO_PASSSEC);
    set_show(sv[1], SO_PASSSEC, "SO_PASSSEC", 1, SO_PASSSEC);
    set_show(sv[1], SO_PASSSEC, "SO_PASSSEC", 0, SO_PASSSEC);
    int st[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, st);
    set_show(st[0], SO_SNDBUFFORCE, "stream SO_SNDBUFFORCE", 1 << 21, SO_SNDBUF);
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        v = 1 << 20;
        r = setsockopt(sv[0], SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof v);
        say("user SO_RCVBUFFORCE: %s\n", r ? ct_errname(errno) : "ok");
        _exit(0);
    }
    say("user: %s\n", ct_wait(pid));
    return 0;
}
