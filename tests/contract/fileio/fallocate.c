// SPDX-License-Identifier: MIT
// fallocate and posix_fallocate: size changes, KEEP_SIZE, punching holes, invalid modes and ranges.
#include "contract.h"
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 1
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE 2
#endif

int main(void)
{
    struct stat st;
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(fallocate(fd, 0, 0, 8192));
    fstat(fd, &st);
    say("size: %lld blocks>=16: %s\n", (long long)st.st_size, st.st_blocks >= 16 ? "yes" : "no");
    RET(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    char buf[8192];
    memset(buf, 'a', sizeof buf);
    pwrite(fd, buf, sizeof buf, 0);
    RET(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096));
    pread(fd, buf, 2, 0);
    say("punched: %d %d\n", buf[0], buf[1]);
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    RET(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096));
    RET(fallocate(fd, 0, -1, 10));
    RET(fallocate(fd, 0, 0, 0));
    RET(posix_fallocate(fd, 0, 20000) == 0 ? 0 : -1);
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    int ro = open("f", O_RDONLY);
    RET(fallocate(ro, 0, 0, 10));
    int p[2];
    pipe(p);
    RET(fallocate(p[1], 0, 0, 10));
    return 0;
}
