// SPDX-License-Identifier: MIT
// Abstract names (leading NUL), autobind, and the name lengths getsockname/getpeername report.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    struct sockaddr_un a = {0};
    a.sun_family = AF_UNIX;
    memcpy(a.sun_path, "\0ct-abstract", 12);
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 12;
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(bind(srv, (struct sockaddr *)&a, alen));
    int dup_name = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(bind(dup_name, (struct sockaddr *)&a, alen));
    int dgram_same = socket(AF_UNIX, SOCK_DGRAM, 0);
    RET(bind(dgram_same, (struct sockaddr *)&a, alen));
    RET(listen(srv, 1));
    struct sockaddr_un n;
    socklen_t nlen = sizeof n;
    RET(getsockname(srv, (struct sockaddr *)&n, &nlen));
    say("len %d same %d\n", (int)nlen, nlen == alen && !memcmp(&n, &a, alen));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    nlen = sizeof n;
    RET(getsockname(c, (struct sockaddr *)&n, &nlen));
    say("unbound len %d family %d\n", (int)nlen, n.sun_family);
    nlen = sizeof n;
    RET(getpeername(c, (struct sockaddr *)&n, &nlen));
    RET(connect(c, (struct sockaddr *)&a, alen));
    nlen = 1;
    RET(getpeername(c, (struct sockaddr *)&n, &nlen));
    say("short buffer: len %d\n", (int)nlen);
    nlen = sizeof n;
    RET(getpeername(c, (struct sockaddr *)&n, &nlen));
    say("peer len %d same %d\n", (int)nlen, !memcmp(&n, &a, alen));
    nlen = -1;
    RET(getsockname(c, (struct sockaddr *)&n, (socklen_t *)&nlen));
    RET(getsockname(c, (struct sockaddr *)&n, NULL));
    struct sockaddr_un other = a;
    other.sun_path[1] = 'X';
    int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(connect(c2, (struct sockaddr *)&other, alen));
    int auto_s = socket(AF_UNIX, SOCK_DGRAM, 0);
    sa_family_t fam = AF_UNIX;
    RET(bind(auto_s, (struct sockaddr *)&fam, sizeof fam));
    nlen = sizeof n;
    RET(getsockname(auto_s, (struct sockaddr *)&n, &nlen));
    say("autobind len %d first-byte %d\n", (int)nlen, n.sun_path[0]);
    RET(bind(auto_s, (struct sockaddr *)&fam, sizeof fam));
    RET(bind(auto_s, (struct sockaddr *)&a, alen));
    int bad = socket(AF_UNIX, SOCK_STREAM, 0);
    RET(bind(bad, (struct sockaddr *)&a, 1));
    RET(bind(bad, (struct sockaddr *)&a, sizeof(struct sockaddr_un) + 1));
    RET(bind(bad, (struct sockaddr *)&a, 200));
    struct sockaddr_un inet = a;
    inet.sun_family = AF_INET;
    RET(bind(bad, (struct sockaddr *)&inet, alen));
    RET(bind(bad, (struct sockaddr *)8, alen));
    return 0;
}
