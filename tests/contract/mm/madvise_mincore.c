// SPDX-License-Identifier: MIT
// madvise(MADV_DONTNEED) zeroes private anonymous pages but not shared file pages; mincore residency; errors.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 'a', 4 * 4096);
    RET(madvise(p + 4096, 4096, MADV_DONTNEED));
    say("after DONTNEED: %d %d %d\n", p[0], p[4096], p[8192]);
    unsigned char vec[4];
    munmap(p, 4 * 4096);
    p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    p[2 * 4096] = 1;
    RET(mincore(p, 4 * 4096, vec));
    say("resident: %d %d %d %d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
    RET(mincore(p + 1, 4096, vec));
    RET(mincore((void *)0x1000, 4096, vec));
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 4096);
    char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    s[0] = 'S';
    RET(madvise(s, 4096, MADV_DONTNEED));
    say("shared file page after DONTNEED: %c\n", s[0]);
    RET(madvise(p, 4096, 12345));
    RET(madvise(p + 1, 4096, MADV_NORMAL));
    RET(madvise(p, 4096, MADV_WILLNEED));
    return 0;
}
