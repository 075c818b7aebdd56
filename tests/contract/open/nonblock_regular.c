// SPDX-License-Identifier: MIT
// O_NONBLOCK and other flags on regular files: reads still succeed; F_SETFL can change only some flags.
#include "contract.h"

int main(void)
{
    ct_write_file("f", "abc", 0644);
    int fd = open("f", O_RDWR | O_NONBLOCK);
    char buf[8];
    RET(read(fd, buf, 8));
    RET(read(fd, buf, 8));
    FACT("nonblock set", fcntl(fd, F_GETFL) & O_NONBLOCK);
    RET(fcntl(fd, F_SETFL, 0));
    FACT("nonblock set", fcntl(fd, F_GETFL) & O_NONBLOCK);
    RET(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND | O_CREAT | O_EXCL | O_TRUNC));
    int fl = fcntl(fd, F_GETFL);
    say("nonblock=%d append=%d creat=%d excl=%d trunc=%d\n", !!(fl & O_NONBLOCK), !!(fl & O_APPEND),
        !!(fl & O_CREAT), !!(fl & O_EXCL), !!(fl & O_TRUNC));
    RET(fcntl(fd, 9999));
    RET(fcntl(-5, F_GETFL));
    int fd2 = open("f", O_RDONLY | O_CREAT | O_EXCL | O_NOCTTY | O_SYNC | O_DSYNC, 0644);
    RET(fd2);
    fd2 = open("f", O_RDONLY | O_SYNC);
    FACT("O_SYNC kept", (fcntl(fd2, F_GETFL) & O_SYNC) == O_SYNC);
    return 0;
}
