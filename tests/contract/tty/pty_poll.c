// SPDX-License-Identifier: MIT
// poll/select readiness on both sides of a pty: echo makes the master readable, a line the slave,
// a blocked poll wakes on the other side's write, full buffers clear POLLOUT and EAGAIN writers.
#include "contract.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>

static const char *ev(short r)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "%s%s%s%s", r & POLLIN ? "IN " : "", r & POLLOUT ? "OUT " : "",
             r & POLLHUP ? "HUP " : "", r & POLLERR ? "ERR " : "");
    return buf;
}

static short poll1(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN | POLLOUT, 0};
    poll(&p, 1, ms);
    return p.revents;
}

static short pollin(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, ms);
    return p.revents;
}

// Writes until the pty refuses. Linux moves written bytes into the other side's line discipline
// from a work queue, so room can reappear just after an EAGAIN; once a pause has let that work run
// and a second round is refused too, the buffers are full for good.
static long fill(int fd, const char *buf, size_t len, int *err)
{
    long total = 0;
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 10000; i++) {
            ssize_t w = write(fd, buf, len);
            if (w < 0) { *err = errno; break; }
            total += w;
        }
        usleep(100000);
    }
    return total;
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    say("fresh: master %s\n", ev(poll1(m, 0)));
    say("fresh: slave %s\n", ev(poll1(s, 0)));
    write(m, "ab", 2);
    say("partial line: master in %s\n", ev(pollin(m, 1000)));
    say("partial line: slave in %s\n", ev(pollin(s, 0)));
    char buf[4096];
    int n = 0;
    ioctl(m, FIONREAD, &n);
    say("master FIONREAD after echo: %d\n", n);
    read(m, buf, sizeof buf);
    write(m, "\n", 1);
    say("full line: slave in %s\n", ev(pollin(s, 1000)));
    ioctl(s, FIONREAD, &n);
    say("slave FIONREAD: %d\n", n);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(m, &r);
    FD_SET(s, &r);
    struct timeval tv = {1, 0};
    int k = select((m > s ? m : s) + 1, &r, NULL, NULL, &tv);
    say("select: %d master %d slave %d\n", k, FD_ISSET(m, &r), FD_ISSET(s, &r));
    read(s, buf, sizeof buf);
    read(m, buf, sizeof buf);

    // A child blocks in poll on the master; the parent writes on the slave.
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        struct pollfd pf = {m, POLLIN, 0};
        int rr = poll(&pf, 1, 10000);
        char c = rr == 1 && (pf.revents & POLLIN) ? 'Y' : 'N';
        write(p[1], &c, 1);
        _exit(0);
    }
    ct_wait_blocked(pid);
    write(s, "wake\n", 5);
    char c = 0;
    read(p[0], &c, 1);
    say("blocked poll on master woke: %c\n", c);
    ct_wait(pid);
    read(m, buf, sizeof buf);
    pid = fork();
    if (pid == 0) {
        struct pollfd pf = {s, POLLIN, 0};
        int rr = poll(&pf, 1, 10000);
        char c = rr == 1 && (pf.revents & POLLIN) ? 'Y' : 'N';
        write(p[1], &c, 1);
        _exit(0);
    }
    ct_wait_blocked(pid);
    write(m, "line\n", 5);
    read(p[0], &c, 1);
    say("blocked poll on slave woke: %c\n", c);
    ct_wait(pid);
    read(s, buf, sizeof buf);
    tcflush(m, TCIFLUSH);

    // Fill the master's input from the slave until it refuses.
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    tcsetattr(s, TCSANOW, &t);
    fcntl(s, F_SETFL, O_NONBLOCK);
    memset(buf, 'z', sizeof buf);
    int err = 0;
    long total = fill(s, buf, sizeof buf, &err);
    say("slave writes stop with %s after >0 bytes %d\n", ct_errname(err), total > 0);
    say("slave poll when full: %s\n", ev(poll1(s, 0)));
    fcntl(m, F_SETFL, O_NONBLOCK);
    long drained = 0;
    while (pollin(m, 1000) & POLLIN) {
        ssize_t rr = read(m, buf, sizeof buf);
        if (rr <= 0) break;
        drained += rr;
    }
    say("drained all: %d\n", drained == total);
    say("slave poll after drain: %s\n", ev(poll1(s, 1000)));

    // Fill the slave's input from the master (raw mode) until it refuses.
    err = 0;
    total = fill(m, buf, sizeof buf, &err);
    say("master writes stop with %s after >0 bytes %d\n", ct_errname(err), total > 0);
    say("master poll when full: %s\n", ev(poll1(m, 0)));
    drained = 0;
    while (drained < total && (pollin(s, 1000) & POLLIN)) {
        ssize_t rr = read(s, buf, sizeof buf);
        if (rr <= 0) break;
        drained += rr;
    }
    say("slave drained all: %d\n", drained == total);
    say("master poll after drain: %s\n", ev(poll1(m, 1000)));
    return 0;
}
