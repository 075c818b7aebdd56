// SPDX-License-Identifier: MIT
// F_GETFL/F_SETFL: O_LARGEFILE implied on 64-bit opens (not for O_PATH), which flags F_SETFL may change,
// O_DIRECT refused on tmpfs, F_DUPFD bounds, O_PATH descriptors limited to a few commands, unknown commands.
#include "contract.h"

#ifndef O_LARGEFILE_BIT
#define O_LARGEFILE_BIT 0100000
#endif

static void flags(const char *label, int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) { say("%s: %s\n", label, ct_errname(errno)); return; }
    say("%s: acc=%d append=%d nonblock=%d async=%d largefile=%d noatime=%d path=%d cloexec=%d\n", label,
        fl & O_ACCMODE, !!(fl & O_APPEND), !!(fl & O_NONBLOCK), !!(fl & O_ASYNC), !!(fl & O_LARGEFILE_BIT),
        !!(fl & O_NOATIME), !!(fl & O_PATH), !!(fl & O_CLOEXEC));
}

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    flags("open rdwr", fd);
    RET(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY | O_TRUNC | O_CREAT));
    flags("after setfl", fd);
    RET(fcntl(fd, F_SETFL, O_ASYNC));
    flags("async", fd);
    RET(fcntl(fd, F_SETFL, O_NOATIME));
    flags("noatime", fd);
    RET(fcntl(fd, F_SETFL, O_DIRECT));
    flags("after O_DIRECT attempt", fd);
    RET(fcntl(fd, F_SETFL, 0));
    flags("cleared", fd);

    int p = open("f", O_PATH);
    flags("o_path", p);
    RET(fcntl(p, F_SETFL, O_NONBLOCK));
    RET(fcntl(p, F_GETFD));
    RET(fcntl(p, F_SETFD, FD_CLOEXEC));
    RET(fcntl(p, F_GETFD));
    RET(fcntl(p, F_DUPFD, 50) == 50);
    struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
    RET(fcntl(p, F_GETLK, &fl));

    int w = open("f", O_WRONLY | O_APPEND);
    flags("wronly append", w);
    RET(fcntl(fd, 0x7fff));
    RET(fcntl(fd, F_DUPFD, 1 << 30));
    RET(fcntl(fd, F_DUPFD, -1));
    RET(fcntl(fd, F_DUPFD_CLOEXEC, 40));
    RET(fcntl(40, F_GETFD));
    RET(fcntl(1234, F_GETFL));
    RET(fcntl(fd, F_GETLEASE));
    int pp[2];
    pipe(pp);
    flags("pipe read end", pp[0]);
    flags("pipe write end", pp[1]);
    return 0;
}
