// SPDX-License-Identifier: MIT
// FIONREAD on pipes, F_GETPIPE_SZ/F_SETPIPE_SZ rounding and limits, capacity honoured after resize.
#include "contract.h"
#include <sys/ioctl.h>

int main(void)
{
    int p[2];
    pipe(p);
    int n = -1;
    RET(ioctl(p[0], FIONREAD, &n));
    say("fionread: %d\n", n);
    write(p[1], "12345", 5);
    ioctl(p[0], FIONREAD, &n);
    say("fionread: %d\n", n);
    RET(fcntl(p[0], F_GETPIPE_SZ));
    RET(fcntl(p[1], F_SETPIPE_SZ, 5000));
    RET(fcntl(p[0], F_GETPIPE_SZ));
    RET(fcntl(p[1], F_SETPIPE_SZ, 0));
    RET(fcntl(p[1], F_SETPIPE_SZ, 1 << 30));
    RET(fcntl(p[1], F_SETPIPE_SZ, 4096));
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    static char buf[65536];
    long total = 0, r;
    while ((r = write(p[1], buf, 1024)) > 0) total += r;
    say("capacity after resize: %ld\n", total);
    int f = open("/dev/null", O_RDONLY);
    RET(fcntl(f, F_GETPIPE_SZ));
    RET(ioctl(p[0], TCGETS, buf));
    return 0;
}
