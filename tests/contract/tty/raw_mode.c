// SPDX-License-Identifier: MIT
// Non-canonical mode: VMIN/VTIME semantics, no echo, no signal characters, bytes passed through unchanged.
#include "contract.h"
#include <termios.h>
#include <poll.h>

static long long ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000LL + t.tv_nsec / 1000000; }

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    t.c_cc[VMIN] = 3;
    t.c_cc[VTIME] = 0;
    tcsetattr(s, TCSANOW, &t);
    write(m, "\x03\r\x04\x7f", 4);
    char buf[32];
    ssize_t n = read(s, buf, sizeof buf);
    say("VMIN=3 got %zd bytes: %02x %02x %02x %02x\n", n, buf[0], buf[1], buf[2], n > 3 ? buf[3] : 0);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 2;
    tcsetattr(s, TCSANOW, &t);
    long long t0 = ms();
    n = read(s, buf, sizeof buf);
    long long dt = ms() - t0;
    say("VMIN=0 VTIME=2 empty: %zd after >=150ms %d\n", n, dt >= 150);
    t.c_cc[VTIME] = 0;
    tcsetattr(s, TCSANOW, &t);
    RET(read(s, buf, sizeof buf));
    write(m, "x", 1);
    struct pollfd pf = {s, POLLIN, 0};
    poll(&pf, 1, 2000);
    RET(read(s, buf, sizeof buf));
    fcntl(m, F_SETFL, O_NONBLOCK);
    RET(read(m, buf, sizeof buf));
    return 0;
}
