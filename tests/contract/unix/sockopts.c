// SPDX-License-Identifier: MIT
// SOL_SOCKET options of unix sockets: SO_TYPE/DOMAIN/PROTOCOL/ACCEPTCONN/ERROR, buffer sizes (doubled), timeouts, unknown options.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static void geti(int fd, int opt, const char *name)
{
    int v = -7;
    socklen_t len = sizeof v;
    if (getsockopt(fd, SOL_SOCKET, opt, &v, &len)) say("%s: %s\n", name, ct_errname(errno));
    else say("%s: %d (len %d)\n", name, v, (int)len);
}

int main(void)
{
    int s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    geti(s, SO_TYPE, "SO_TYPE");
    geti(s, SO_DOMAIN, "SO_DOMAIN");
    geti(s, SO_PROTOCOL, "SO_PROTOCOL");
    geti(s, SO_ACCEPTCONN, "SO_ACCEPTCONN");
    geti(s, SO_ERROR, "SO_ERROR");
    geti(s, SO_SNDBUF, "SO_SNDBUF");
    geti(s, SO_RCVBUF, "SO_RCVBUF");
    geti(s, SO_PASSCRED, "SO_PASSCRED");
    geti(s, SO_REUSEADDR, "SO_REUSEADDR");
    int v = 10000;
    RET(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    geti(s, SO_SNDBUF, "SO_SNDBUF");
    v = 30000;
    RET(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    geti(s, SO_RCVBUF, "SO_RCVBUF");
    v = 1 << 30;
    RET(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    geti(s, SO_SNDBUF, "SO_SNDBUF");
    v = 1;
    RET(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
    geti(s, SO_REUSEADDR, "SO_REUSEADDR");
    RET(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, 2));
    RET(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v));
    RET(setsockopt(s, SOL_SOCKET, SO_PASSCRED, (void *)8, sizeof v));
    RET(setsockopt(s, 6, 1, &v, sizeof v));
    geti(s, 9999, "unknown");
    v = 0;
    socklen_t len = sizeof v;
    RET(getsockopt(s, 6, 1, &v, &len));
    len = 2;
    RET(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
    say("short len %d\n", (int)len);
    len = -1;
    RET(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len));
    RET(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, NULL));
    struct timeval tv = {1, 500000}, got;
    RET(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    len = sizeof got;
    RET(getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &got, &len));
    say("sndtimeo %ld.%06ld len %d\n", (long)got.tv_sec, (long)got.tv_usec, (int)len);
    tv.tv_usec = 123456;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &got, &len);
    say("rcvtimeo %ld.%06ld\n", (long)got.tv_sec, (long)got.tv_usec);
    tv.tv_usec = 1000000;
    RET(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    RET(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, 8));
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/opt"};
    bind(s, (struct sockaddr *)&a, sizeof a);
    listen(s, 1);
    geti(s, SO_ACCEPTCONN, "SO_ACCEPTCONN");
    int fd = open("/tmp/t/opt", O_RDONLY);
    RET(fd);
    return 0;
}
