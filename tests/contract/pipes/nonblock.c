// SPDX-License-Identifier: MIT
// O_NONBLOCK pipes: EAGAIN on empty read and full write, partial writes above PIPE_BUF, capacity 64 KiB.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe2(p, O_NONBLOCK);
    char c;
    RET(read(p[0], &c, 1));
    static char buf[200000];
    memset(buf, 'z', sizeof buf);
    long total = 0, r;
    while ((r = write(p[1], buf, 1000)) > 0) total += r;
    say("filled: %ld, last: %s\n", total, ct_errname(errno));
    RET(write(p[1], buf, 1));
    RET(read(p[0], buf, 100));
    RET(write(p[1], buf, 4096));
    RET(read(p[0], buf, 8192));
    RET(write(p[1], buf, 8192));
    RET(write(p[1], buf, 10000));
    int q[2];
    pipe2(q, O_NONBLOCK);
    RET(write(q[1], buf, sizeof buf));
    RET(read(q[0], buf, sizeof buf));
    RET(read(q[0], buf, sizeof buf));
    close(q[1]);
    RET(read(q[0], buf, sizeof buf));
    return 0;
}
