// SPDX-License-Identifier: MIT
// pipe2(O_DIRECT) packet mode: each write is one packet, a read returns at most one packet and drops what does not
// fit; only the write end shows O_DIRECT; pipe2 rejects unknown flags.
#include "contract.h"

int main(void)
{
    int p[2];
    RET(pipe2(p, O_DIRECT | O_NONBLOCK));
    say("read end O_DIRECT: %d, write end O_DIRECT: %d\n", !!(fcntl(p[0], F_GETFL) & O_DIRECT),
        !!(fcntl(p[1], F_GETFL) & O_DIRECT));
    write(p[1], "abc", 3);
    write(p[1], "defgh", 5);
    write(p[1], "ij", 2);
    char buf[16] = {0};
    RET(read(p[0], buf, sizeof buf));
    say("first: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, 2));
    say("truncated: %s\n", buf);
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, sizeof buf));
    say("third: %s\n", buf);
    RET(read(p[0], buf, sizeof buf));
    // Turning O_DIRECT off with F_SETFL makes writes mergeable again.
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    write(p[1], "kl", 2);
    write(p[1], "mn", 2);
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, sizeof buf));
    say("stream again: %s\n", buf);
    RET(pipe2(p, 0x40000000));
    RET(pipe2(p, O_CLOEXEC));
    say("cloexec: %d %d\n", !!(fcntl(p[0], F_GETFD) & FD_CLOEXEC), !!(fcntl(p[1], F_GETFD) & FD_CLOEXEC));
    return 0;
}
