// SPDX-License-Identifier: MIT
// preadv2/pwritev2 (offset -1 uses and moves the file offset, RWF_* flags), partial vector transfers (a bad
// segment after good ones, EOF in the middle), readv on a pipe returning what is there, and the error order
// of pread/pwrite/readv (negative offsets, ESPIPE, EBADF, EFAULT).
#include "contract.h"
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef RWF_HIPRI
#define RWF_HIPRI 1
#define RWF_DSYNC 2
#define RWF_SYNC 4
#define RWF_NOWAIT 8
#endif
#ifndef RWF_APPEND
#define RWF_APPEND 0x10
#endif

static long pv2(int write_, int fd, struct iovec *v, int n, long long off, int flags)
{
    return syscall(write_ ? SYS_pwritev2 : SYS_preadv2, fd, v, n, (long)off, (long)(off >> 32), flags);
}

int main(void)
{
    char a[4] = {0}, b[8] = {0};
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct iovec w[2] = {{"abcd", 4}, {"efghij", 6}};
    RET(pv2(1, fd, w, 2, -1, 0));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pv2(1, fd, w, 1, 0, RWF_DSYNC | RWF_SYNC | RWF_HIPRI));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pv2(1, fd, w, 1, 2, RWF_APPEND));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pv2(1, fd, w, 1, -1, RWF_APPEND));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pv2(1, fd, w, 1, 0, 0x100));
    RET(pv2(1, fd, w, 0, 0, 0x100));
    RET(pv2(0, fd, w, 1, -2, 0));
    lseek(fd, 0, SEEK_SET);
    struct iovec r[2] = {{a, 4}, {b, 8}};
    RET(pv2(0, fd, r, 2, -1, 0));
    say("a=%.4s b=%.8s\n", a, b);
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pv2(0, fd, r, 2, 16, 0));
    say("a=%.4s b=%.8s\n", a, b);

    struct iovec bad[3] = {{a, 4}, {(void *)8, 4}, {b, 4}};
    RET(preadv(fd, bad, 3, 0));
    say("a=%.4s\n", a);
    struct iovec badw[2] = {{"XY", 2}, {(void *)8, 4}};
    RET(pwritev(fd, badw, 2, 0));
    struct iovec huge[2] = {{a, 4}, {b, (size_t)-1}};
    RET(preadv(fd, huge, 2, 0));
    RET(preadv(fd, r, 2, -1));
    RET(preadv(99, r, 2, -1));
    RET(pread(99, a, 1, -1));
    RET(pread(fd, a, 1, -1));
    RET(pread(fd, (void *)8, 1, 0));
    RET(pread(fd, a, 0, 0));

    int p[2];
    pipe(p);
    write(p[1], "xyz", 3);
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    struct iovec pr[2] = {{a, 2}, {b, 8}};
    RET(readv(p[0], pr, 2));
    say("a=%.2s b=%s\n", a, b);
    RET(preadv(p[0], pr, 2, 0));
    RET(pv2(0, p[0], pr, 2, 0, 0));
    RET(lseek(p[0], 0, SEEK_CUR));
    RET(pread(p[0], a, 1, 0));
    struct iovec pw[3] = {{"12", 2}, {"", 0}, {"345", 3}};
    RET(writev(p[1], pw, 3));
    RET(read(p[0], b, 8));
    say("pipe got: %.5s\n", b);
    int ro = open("f", O_RDONLY);
    RET(writev(ro, pw, 3));
    RET(writev(ro, pw, 0));
    RET(writev(ro, pw, 2000));
    RET(lseek(fd, 0, 7));
    RET(lseek(fd, -1, SEEK_SET));
    return 0;
}
