// SPDX-License-Identifier: MIT
// Sparse files: writing far past EOF, holes read as zeroes, st_blocks grows with data, reading at EOF.
#include "contract.h"

int main(void)
{
    struct stat st;
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    fstat(fd, &st);
    say("empty: size %lld blocks %lld\n", (long long)st.st_size, (long long)st.st_blocks);
    RET(pwrite(fd, "x", 1, 1 << 20));
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    say("sparse (blocks*512 < size): %s\n", st.st_blocks * 512 < st.st_size ? "yes" : "no");
    static char big[4096];
    RET(pread(fd, big, sizeof big, 4096));
    int zero = 1;
    for (size_t i = 0; i < sizeof big; i++) zero &= big[i] == 0;
    FACT("hole is zero", zero);
    RET(pread(fd, big, sizeof big, (1 << 20) - 2));
    say("tail: %d %d %c\n", big[0], big[1], big[2]);
    RET(pread(fd, big, 10, (1 << 20) + 1));
    memset(big, 'a', sizeof big);
    RET(pwrite(fd, big, sizeof big, 0));
    struct stat st2;
    fstat(fd, &st2);
    FACT("blocks grew", st2.st_blocks > st.st_blocks);
    return 0;
}
