// SPDX-License-Identifier: MIT
// lseek: SEEK_SET/CUR/END, seeking past EOF creates a hole, SEEK_DATA/SEEK_HOLE, invalid whence and offsets.
#include "contract.h"

int main(void)
{
    char buf[16];
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(write(fd, "0123456789", 10));
    RET(lseek(fd, 3, SEEK_SET));
    RET(lseek(fd, 2, SEEK_CUR));
    RET(lseek(fd, -1, SEEK_END));
    RET(read(fd, buf, 16));
    RET(lseek(fd, -11, SEEK_END));
    RET(lseek(fd, -1, SEEK_SET));
    RET(lseek(fd, 0, 17));
    RET(lseek(fd, 100, SEEK_END));
    RET(read(fd, buf, 16));
    RET(write(fd, "Z", 1));
    struct stat st;
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    RET(pread(fd, buf, 4, 50));
    say("hole bytes zero: %s\n", buf[0] == 0 && buf[3] == 0 ? "yes" : "no");
    RET(lseek(fd, 0, SEEK_DATA));
    RET(lseek(fd, 5, SEEK_DATA));
    RET(lseek(fd, 200, SEEK_DATA));
    RET(lseek(fd, 200, SEEK_HOLE));
    long h = lseek(fd, 0, SEEK_HOLE);
    say("first hole >= 10 and <= 111: %s\n", h >= 10 && h <= 111 ? "yes" : "no");
    RET(lseek(fd, 0x7fffffffffffffffLL, SEEK_SET));
    RET(lseek(fd, 1, SEEK_CUR));
    return 0;
}
