// SPDX-License-Identifier: MIT
// pipe/pipe2: lowest fds, data order, short reads, wrong-direction I/O (EBADF), pipe2 flags and invalid flags.
#include "contract.h"

int main(void)
{
    int p[2];
    RET(pipe(p));
    say("fds: %d %d\n", p[0], p[1]);
    RET(write(p[1], "hello", 5));
    RET(write(p[1], " world", 6));
    char buf[32] = {0};
    RET(read(p[0], buf, 3));
    say("got: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, 32));
    say("got: %s\n", buf);
    RET(write(p[0], "x", 1));
    RET(read(p[1], buf, 1));
    RET(lseek(p[0], 0, SEEK_CUR));
    int q[2];
    RET(pipe2(q, O_CLOEXEC | O_NONBLOCK));
    RET(fcntl(q[0], F_GETFD));
    FACT("nonblock", fcntl(q[1], F_GETFL) & O_NONBLOCK);
    say("accmode: %d %d\n", fcntl(q[0], F_GETFL) & O_ACCMODE, fcntl(q[1], F_GETFL) & O_ACCMODE);
    RET(pipe2(q, O_APPEND));
    RET(pipe2(q, 0x40000000));
    RET(pipe((int *)8));
    return 0;
}
