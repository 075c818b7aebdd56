// SPDX-License-Identifier: MIT
// dup, dup2, dup3: lowest free descriptor, shared offsets, same-fd cases and error paths.
#include "contract.h"

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(fd);
    RET(write(fd, "abcdef", 6));
    RET(dup(fd));
    RET(lseek(4, 2, SEEK_SET));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(dup2(fd, 10));
    RET(dup2(fd, fd));
    RET(dup2(99, 10));
    RET(dup2(fd, -1));
    RET(dup3(fd, fd, 0));
    RET(dup3(fd, 11, 12345));
    RET(dup3(fd, 11, O_CLOEXEC));
    RET(fcntl(11, F_GETFD));
    RET(fcntl(10, F_GETFD));
    RET(dup(1234));
    RET(close(4));
    RET(dup(fd));
    RET(fcntl(fd, F_DUPFD, 20));
    RET(fcntl(fd, F_DUPFD_CLOEXEC, 20));
    RET(fcntl(21, F_GETFD));
    RET(fcntl(fd, F_DUPFD, -1));
    char c;
    RET(read(10, &c, 1));
    say("char: %c\n", c);
    RET(lseek(fd, 0, SEEK_CUR));
    return 0;
}
