// SPDX-License-Identifier: MIT
// Closing one side of a pty: master reads EIO once every slave descriptor is closed (data first), slave
// reads EOF / writes EIO after the master closes, the /dev/pts entry goes with the master.
#include "contract.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static const char *ev(short r)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "%s%s%s%s", r & POLLIN ? "IN " : "", r & POLLOUT ? "OUT " : "",
             r & POLLHUP ? "HUP " : "", r & POLLERR ? "ERR " : "");
    return buf;
}

static short poll1(int fd)
{
    struct pollfd p = {fd, POLLIN | POLLOUT, 0};
    poll(&p, 1, 0);
    return p.revents;
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    grantpt(m);
    unlockpt(m);
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    char buf[64];
    RET(read(m, buf, sizeof buf));
    say("master poll, slave never opened: %s\n", ev(poll1(m)));
    int s = open(name, O_RDWR | O_NOCTTY);
    say("master poll, slave open: %s\n", ev(poll1(m)));
    struct termios t;
    tcgetattr(s, &t);
    t.c_oflag &= ~OPOST;
    tcsetattr(s, TCSANOW, &t);
    RET(write(s, "bye", 3));
    close(s);
    say("master poll, slave closed: %s\n", ev(poll1(m)));
    RET(read(m, buf, sizeof buf));
    RET(read(m, buf, sizeof buf));
    RET(write(m, "x", 1));
    s = open(name, O_RDWR | O_NOCTTY);
    say("slave reopened: %s\n", s >= 0 ? "ok" : ct_errname(errno));
    RET(read(m, buf, sizeof buf));
    int s2 = open(name, O_RDWR | O_NOCTTY);
    close(s);
    say("one of two slaves closed, master poll: %s\n", ev(poll1(m)));
    RET(read(m, buf, sizeof buf));
    s = s2;
    // Master closes with input pending for the slave.
    write(m, "abc\n", 4);
    close(m);
    say("slave poll, master closed: %s\n", ev(poll1(s)));
    RET(read(s, buf, sizeof buf));
    RET(write(s, "x", 1));
    RET(tcgetattr(s, &t));
    int pg;
    RET(ioctl(s, TIOCGPGRP, &pg));
    struct stat st;
    RET(stat(name, &st));
    RET(open(name, O_RDWR | O_NOCTTY));
    close(s);
    // A slave locked again after unlock: new opens fail with EIO.
    m = posix_openpt(O_RDWR | O_NOCTTY);
    unlockpt(m);
    int lock = 1;
    RET(ioctl(m, TIOCSPTLCK, &lock));
    lock = 0;
    RET(ioctl(m, TIOCGPTLCK, &lock));
    say("locked: %d\n", lock);
    RET(open(ptsname(m), O_RDWR | O_NOCTTY));
    close(m);
    return 0;
}
