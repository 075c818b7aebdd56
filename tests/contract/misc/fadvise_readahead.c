// SPDX-License-Identifier: MIT
// posix_fadvise (fadvise64) and readahead: which descriptors and arguments each accepts.
#include "contract.h"
#include <sys/syscall.h>

static long fadv(int fd, long off, long len, int advice) { return syscall(SYS_fadvise64, fd, off, len, advice); }
static long ra(int fd, long off, unsigned long count) { return syscall(SYS_readahead, fd, off, count); }

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT, 0644);
    (void)!write(fd, "hello", 5);
    for (int a = -1; a <= 7; a++) say("advice %d: %s\n", a, fadv(fd, 0, 0, a) ? ct_errname(errno) : "0");
    RET(fadv(fd, 0, -1, 0));
    RET(fadv(fd, -10, 100, 0));
    RET(fadv(fd, 1L << 62, 1L << 62, 4));
    RET(fadv(-1, 0, 0, 0));
    RET(fadv(999, 0, 0, 99));
    int p[2];
    (void)!pipe(p);
    RET(fadv(p[0], 0, 0, 0));
    RET(fadv(p[1], 0, -1, 99));
    mkfifo("fifo", 0644);
    int ff = open("fifo", O_RDWR);
    RET(fadv(ff, 0, 0, 0));
    int wr = open("f", O_WRONLY);
    RET(fadv(wr, 0, 0, 3));
    int path = open("f", O_PATH);
    RET(fadv(path, 0, 0, 0));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    RET(fadv(dir, 0, 0, 0));
    RET(fadv(dir, 0, 0, 9));
    int nul = open("/dev/null", O_RDWR);
    RET(fadv(nul, 0, 0, 0));
    RET(fadv(nul, 0, 0, 9));
    RET(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
    RET(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL));

    RET(ra(fd, 0, 4096));
    RET(ra(fd, 0, 0));
    RET(ra(fd, -5, 10));
    RET(ra(fd, 0, ~0ul));
    RET(ra(-1, 0, 10));
    RET(ra(wr, 0, 10));
    RET(ra(path, 0, 10));
    RET(ra(p[0], 0, 10));
    RET(ra(p[1], 0, 10));
    RET(ra(dir, 0, 10));
    RET(ra(nul, 0, 10));
    int ro = open("/proc/self/status", O_RDONLY);
    RET(ra(ro, 0, 10));
    return 0;
}
