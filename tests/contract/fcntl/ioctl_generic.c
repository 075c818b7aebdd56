// SPDX-License-Identifier: MIT
// The file-independent ioctls: FIOCLEX/FIONCLEX, FIONBIO, FIOASYNC, FIONREAD and FIOQSIZE on regular files,
// FIGETBSZ, unknown requests (ENOTTY), O_PATH and bad descriptors (EBADF).
#include "contract.h"
#include <sys/ioctl.h>
#ifndef FIGETBSZ
#define FIGETBSZ 2
#endif

#ifndef FIOQSIZE
#define FIOQSIZE 0x5460
#endif

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    RET(ioctl(fd, FIOCLEX));
    RET(fcntl(fd, F_GETFD));
    RET(ioctl(fd, FIONCLEX));
    RET(fcntl(fd, F_GETFD));
    int on = 1;
    RET(ioctl(fd, FIONBIO, &on));
    FACT("nonblock set", fcntl(fd, F_GETFL) & O_NONBLOCK);
    on = 0;
    RET(ioctl(fd, FIONBIO, &on));
    FACT("nonblock set", fcntl(fd, F_GETFL) & O_NONBLOCK);
    RET(ioctl(fd, FIONBIO, (int *)8));
    int n = -1;
    lseek(fd, 3, SEEK_SET);
    RET(ioctl(fd, FIONREAD, &n));
    say("fionread at 3: %d\n", n);
    lseek(fd, 15, SEEK_SET);
    RET(ioctl(fd, FIONREAD, &n));
    say("fionread past end: %d\n", n);
    on = 0;
    RET(ioctl(fd, FIOASYNC, &on));
    on = 1;
    RET(ioctl(fd, FIOASYNC, &on));
    FACT("async set", fcntl(fd, F_GETFL) & O_ASYNC);
    long long q = -1;
    RET(ioctl(fd, FIOQSIZE, &q));
    FACT("fioqsize is a multiple of 512", q >= 0 && q % 512 == 0);
    int bsz = 0;
    RET(ioctl(fd, FIGETBSZ, &bsz));
    say("figetbsz: %d\n", bsz);
    RET(ioctl(fd, 0x1234abcd, 0));
    RET(ioctl(fd, TCGETS, &n));
    int p = open("f", O_PATH);
    RET(ioctl(p, FIOCLEX));
    RET(ioctl(99, FIOCLEX));
    int d = open(".", O_RDONLY | O_DIRECTORY);
    RET(ioctl(d, FIONREAD, &n));
    RET(ioctl(d, FIOQSIZE, &q));
    int pp[2];
    pipe(pp);
    write(pp[1], "abc", 3);
    RET(ioctl(pp[0], FIONREAD, &n));
    say("pipe fionread: %d\n", n);
    RET(ioctl(pp[0], FIONBIO, &on));
    FACT("pipe nonblock", fcntl(pp[0], F_GETFL) & O_NONBLOCK);
    return 0;
}
