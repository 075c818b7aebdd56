// SPDX-License-Identifier: MIT
// Open file descriptions shared across fork and dup: offsets and status flags are shared, FD flags are not.
#include "contract.h"

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    lseek(fd, 2, SEEK_SET);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(fd, &c, 1);
        lseek(fd, 5, SEEK_CUR);
        fcntl(fd, F_SETFL, O_APPEND);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    RET(lseek(fd, 0, SEEK_CUR));
    FACT("append shared", fcntl(fd, F_GETFL) & O_APPEND);
    RET(fcntl(fd, F_GETFD));
    int d = dup(fd);
    fcntl(d, F_SETFD, FD_CLOEXEC);
    RET(fcntl(fd, F_GETFD));
    lseek(d, 1, SEEK_SET);
    RET(lseek(fd, 0, SEEK_CUR));
    int other = open("f", O_RDONLY);
    RET(lseek(other, 0, SEEK_CUR));
    return 0;
}
