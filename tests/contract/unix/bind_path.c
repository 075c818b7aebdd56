// SPDX-License-Identifier: MIT
// bind/listen/connect/accept with a filesystem name: the socket file, EADDRINUSE, ENOENT, ECONNREFUSED, EISCONN.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t mkaddr(struct sockaddr_un *a, const char *path)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void)
{
    struct sockaddr_un a;
    socklen_t alen = mkaddr(&a, "/tmp/t/sock");
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(bind(srv, (struct sockaddr *)&a, alen));
    struct stat st;
    RET(stat("/tmp/t/sock", &st));
    CHECK(S_ISSOCK(st.st_mode));
    say("mode: %o\n", st.st_mode & 07777);
    RET(bind(srv, (struct sockaddr *)&a, alen));
    int other = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(bind(other, (struct sockaddr *)&a, alen));
    struct sockaddr_un b;
    socklen_t blen = mkaddr(&b, "/tmp/t/sock2");
    RET(bind(srv, (struct sockaddr *)&b, blen));
    RET(access("/tmp/t/sock2", F_OK));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(connect(c, (struct sockaddr *)&a, alen));
    RET(listen(srv, 5));
    struct sockaddr_un missing;
    socklen_t mlen = mkaddr(&missing, "/tmp/t/nothere");
    RET(connect(c, (struct sockaddr *)&missing, mlen));
    ct_write_file("/tmp/t/plain", "x", 0644);
    mlen = mkaddr(&missing, "/tmp/t/plain");
    RET(connect(c, (struct sockaddr *)&missing, mlen));
    RET(connect(c, (struct sockaddr *)&a, alen));
    RET(connect(c, (struct sockaddr *)&a, alen));
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(connect(d, (struct sockaddr *)&a, alen));
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    int s = accept(srv, (struct sockaddr *)&peer, &plen);
    say("accept: %s\n", s >= 0 ? "ok" : ct_errname(errno));
    say("peer len: %d family %d\n", (int)plen, peer.sun_family);
    RET(write(c, "hi", 2));
    char buf[8] = {0};
    RET(read(s, buf, sizeof buf));
    say("got: %s\n", buf);
    struct sockaddr_un n;
    socklen_t nlen = sizeof n;
    RET(getsockname(s, (struct sockaddr *)&n, &nlen));
    say("accepted name: len %d %s\n", (int)nlen, n.sun_path);
    nlen = sizeof n;
    RET(getpeername(c, (struct sockaddr *)&n, &nlen));
    say("client peer: len %d %s\n", (int)nlen, n.sun_path);
    RET(close(srv));
    int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(connect(c2, (struct sockaddr *)&a, alen));
    RET(unlink("/tmp/t/sock"));
    RET(connect(c2, (struct sockaddr *)&a, alen));
    return 0;
}
