// SPDX-License-Identifier: MIT
// O_APPEND: every write goes to the end even after lseek; two descriptors appending interleave.
#include "contract.h"

int main(void)
{
    char buf[64] = {0};
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
    RET(write(fd, "one", 3));
    RET(lseek(fd, 0, SEEK_SET));
    RET(write(fd, "two", 3));
    RET(lseek(fd, 0, SEEK_CUR));
    int fd2 = open("f", O_WRONLY | O_APPEND);
    RET(write(fd2, "three", 5));
    RET(write(fd, "four", 4));
    RET(lseek(fd, 0, SEEK_SET));
    RET(read(fd, buf, 63));
    say("content: %s\n", buf);
    RET(fcntl(fd, F_GETFL) & O_APPEND ? 1 : 0);
    RET(fcntl(fd, F_SETFL, 0));
    RET(fcntl(fd, F_GETFL) & O_APPEND ? 1 : 0);
    RET(lseek(fd, 0, SEEK_SET));
    RET(write(fd, "X", 1));
    memset(buf, 0, sizeof buf);
    RET(pread(fd, buf, 63, 0));
    say("content: %s\n", buf);
    return 0;
}
