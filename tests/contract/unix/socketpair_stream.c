// SPDX-License-Identifier: MIT
// socketpair(AF_UNIX, SOCK_STREAM): both directions, coalescing, readv/writev, EOF after close, fstat and /proc fd links.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

int main(void)
{
    int sv[2];
    RET(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    RET(write(sv[0], "hello", 5));
    RET(write(sv[0], " world", 6));
    char buf[64] = {0};
    RET(read(sv[1], buf, sizeof buf));
    say("got: %s\n", buf);
    RET(send(sv[1], "back", 4, 0));
    memset(buf, 0, sizeof buf);
    RET(recv(sv[0], buf, 2, 0));
    RET(recv(sv[0], buf + 2, 10, 0));
    say("got: %s\n", buf);
    struct iovec out[3] = {{"ab", 2}, {"cde", 3}, {"f", 1}};
    RET(writev(sv[0], out, 3));
    char a[3] = {0}, b[8] = {0};
    struct iovec in[2] = {{a, 2}, {b, 7}};
    RET(readv(sv[1], in, 2));
    say("readv: %s|%s\n", a, b);
    struct stat st;
    RET(fstat(sv[0], &st));
    CHECK(S_ISSOCK(st.st_mode));
    say("mode: %o\n", st.st_mode & 07777);
    char link[64], path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", sv[0]);
    ssize_t n = readlink(path, link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    FACT("link is socket:[ino]", !strncmp(link, "socket:[", 8) && link[n - 1] == ']');
    unsigned long ino = strtoul(link + 8, NULL, 10);
    FACT("link inode matches", ino == (unsigned long)st.st_ino);
    RET(lseek(sv[0], 0, SEEK_SET));
    RET(pread(sv[0], buf, 1, 0));
    RET(close(sv[1]));
    RET(read(sv[0], buf, sizeof buf));
    return 0;
}
