// SPDX-License-Identifier: MIT
// read/write: counts, offsets advancing, short read at EOF, zero-length I/O, reading a write-only fd.
#include "contract.h"

int main(void)
{
    char buf[64] = {0};
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(write(fd, "hello world", 11));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(write(fd, "", 0));
    RET(lseek(fd, 0, SEEK_SET));
    RET(read(fd, buf, 5));
    say("buf: %s\n", buf);
    RET(read(fd, buf, 64));
    RET(read(fd, buf, 64));
    RET(read(fd, buf, 0));
    close(fd);
    int wo = open("f", O_WRONLY);
    RET(read(wo, buf, 1));
    int ro = open("f", O_RDONLY);
    RET(write(ro, "x", 1));
    RET(read(ro, NULL, 0));
    close(wo);
    close(ro);
    RET(read(ro, buf, 1));
    RET(write(ro, buf, 1));
    int d = open(".", O_RDONLY);
    RET(read(d, buf, 1));
    return 0;
}
