// SPDX-License-Identifier: MIT
// Multi-page reads and writes, unaligned offsets across page boundaries, and a checksum of the content.
#include "contract.h"

int main(void)
{
    static unsigned char buf[300000], back[300000];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(i * 31 + (i >> 9));
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(ct_write_full(fd, buf, sizeof buf));
    RET(pread(fd, back, 10000, 4090));
    FACT("unaligned chunk matches", memcmp(back, buf + 4090, 10000) == 0);
    RET(lseek(fd, 0, SEEK_SET));
    RET(ct_read_full(fd, back, sizeof back));
    FACT("whole file matches", memcmp(back, buf, sizeof buf) == 0);
    RET(pwrite(fd, "ABCD", 4, 4094));
    RET(pread(fd, back, 8, 4092));
    say("across page: %02x %02x %c %c %c %c %02x %02x\n", back[0], back[1], back[2], back[3], back[4],
        back[5], back[6], back[7]);
    unsigned long sum = 0;
    lseek(fd, 0, SEEK_SET);
    ssize_t n;
    while ((n = read(fd, back, 7777)) > 0)
        for (ssize_t i = 0; i < n; i++) sum = sum * 33 + back[i];
    say("checksum: %lx\n", sum);
    return 0;
}
