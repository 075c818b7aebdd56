// SPDX-License-Identifier: MIT
// readv/writev/preadv/pwritev: gather/scatter order, zero-length vectors, iovcnt limits.
#include "contract.h"
#include <sys/uio.h>
#include <limits.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct iovec w[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
    RET(writev(fd, w, 3));
    char a[2], b[4], c[10] = {0};
    struct iovec r[3] = {{a, 2}, {b, 4}, {c, 10}};
    RET(lseek(fd, 0, SEEK_SET));
    RET(readv(fd, r, 3));
    say("a=%.2s b=%.4s c=%s\n", a, b, c);
    RET(preadv(fd, r, 2, 4));
    say("a=%.2s b=%.4s\n", a, b);
    struct iovec w2[1] = {{"ZZ", 2}};
    RET(pwritev(fd, w2, 1, 1));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(writev(fd, w, 0));
    RET(writev(fd, w, -1));
    RET(writev(fd, w, IOV_MAX + 1));
    static struct iovec many[IOV_MAX];
    for (int i = 0; i < IOV_MAX; i++) { many[i].iov_base = "x"; many[i].iov_len = 1; }
    RET(writev(fd, many, IOV_MAX));
    struct iovec bad[1] = {{(void *)1, 5}};
    RET(writev(fd, bad, 1));
    return 0;
}
