// SPDX-License-Identifier: MIT
// Error paths of read/write: EFAULT on bad buffers, EBADF, EISDIR, EINVAL for O_DIRECT-less weirdness.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(write(fd, (void *)8, 10));
    RET(write(fd, "abc", 3));
    lseek(fd, 0, SEEK_SET);
    RET(read(fd, (void *)8, 3));
    char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    lseek(fd, 0, SEEK_SET);
    RET(read(fd, p, 3));
    RET(write(fd, p, 16));
    char *q = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(q + 4096, 4096);
    memset(q, 'q', 4096);
    lseek(fd, 0, SEEK_SET);
    RET(write(fd, q + 4090, 100));
    RET(lseek(fd, 0, SEEK_END));
    RET(write(-1, "x", 1));
    RET(write(1000, "x", 1));
    int d = open(".", O_RDONLY);
    RET(write(d, "x", 1));
    RET(read(d, q, 1));
    return 0;
}
