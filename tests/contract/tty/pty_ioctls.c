// SPDX-License-Identifier: MIT
// Master-only pty ioctls: TIOCGPTPEER (lock, flags, same terminal), TIOCGPTN/TIOCGPTLCK on each side,
// TIOCPKT packet mode (data prefix, flush status), TIOCSIG, TIOCGPGRP/TIOCGSID/TIOCNOTTY from the master.
#include "contract.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

static ssize_t rd(int fd, unsigned char *buf, size_t cap)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return -2;
    return read(fd, buf, cap);
}

static void show(const char *label, const unsigned char *b, ssize_t n)
{
    say("%s: %zd [", label, n);
    for (ssize_t i = 0; i < n; i++) say("%s%02x", i ? " " : "", b[i]);
    say("]\n");
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    RET(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY));
    int lock = 0;
    RET(ioctl(m, TIOCGPTLCK, &lock));
    say("locked at open: %d\n", lock);
    unlockpt(m);
    int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    say("peer: %s\n", s >= 0 ? "ok" : ct_errname(errno));
    say("peer cloexec: %d\n", (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
    say("peer ttyname is ptsname: %d\n", ttyname(s) && strcmp(ttyname(s), ptsname(m)) == 0);
    struct stat a, b;
    fstat(s, &a);
    stat(ptsname(m), &b);
    say("peer is the slave node: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_rdev == b.st_rdev);
    char link[64], path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", s);
    ssize_t ln = readlink(path, link, sizeof link - 1);
    link[ln > 0 ? ln : 0] = 0;
    say("fd link is ptsname: %d\n", strcmp(link, ptsname(m)) == 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", m);
    ln = readlink(path, link, sizeof link - 1);
    link[ln > 0 ? ln : 0] = 0;
    say("master fd link: %s\n", link);
    int flags = fcntl(s, F_GETFL);
    say("peer flags rdwr: %d\n", (flags & O_ACCMODE) == O_RDWR);
    int ro = ioctl(m, TIOCGPTPEER, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    flags = fcntl(ro, F_GETFL);
    say("ro peer: rdonly %d nonblock %d\n", (flags & O_ACCMODE) == O_RDONLY, (flags & O_NONBLOCK) != 0);
    close(ro);
    RET(ioctl(s, TIOCGPTPEER, O_RDWR));
    int p[2];
    pipe(p);
    RET(ioctl(p[0], TIOCGPTPEER, O_RDWR));
    unsigned n1 = 7, n2 = 9;
    ioctl(m, TIOCGPTN, &n1);
    RET(ioctl(s, TIOCGPTN, &n2));
    RET(ioctl(s, TIOCGPTLCK, &lock));
    RET(ioctl(s, TIOCPKT, &lock));

    // Data flows through the peer descriptor.
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    tcsetattr(s, TCSANOW, &t);
    unsigned char buf[64];
    write(s, "hi", 2);
    show("master reads", buf, rd(m, buf, sizeof buf));

    // Packet mode.
    int on = 1;
    RET(ioctl(m, TIOCPKT, &on));
    int get = 0;
    RET(ioctl(m, TIOCGPKT, &get));
    say("TIOCGPKT: %d\n", get);
    write(s, "pk", 2);
    show("packet data", buf, rd(m, buf, sizeof buf));
    tcflush(s, TCIFLUSH);
    show("after slave TCIFLUSH", buf, rd(m, buf, sizeof buf));
    tcflush(s, TCOFLUSH);
    show("after slave TCOFLUSH", buf, rd(m, buf, sizeof buf));
    on = 0;
    ioctl(m, TIOCPKT, &on);
    write(s, "np", 2);
    show("packet off", buf, rd(m, buf, sizeof buf));

    // Job-control ioctls from the master side, nobody has the slave as controlling terminal.
    int pg = 99;
    RET(ioctl(m, TIOCGPGRP, &pg));
    say("master TIOCGPGRP value: %d\n", pg);
    RET(ioctl(m, TIOCGSID, &pg));
    RET(ioctl(m, TIOCNOTTY));
    RET(ioctl(s, TIOCGPGRP, &pg));
    RET(ioctl(m, TIOCSIG, SIGINT));
    RET(ioctl(m, TIOCSIG, 0));
    RET(ioctl(m, TIOCSIG, 100));
    int q = 5;
    RET(ioctl(m, TIOCOUTQ, &q));
    say("master TIOCOUTQ: %d\n", q);
    RET(ioctl(s, TIOCOUTQ, &q));
    say("slave TIOCOUTQ: %d\n", q);
    unsigned dev = 0;
    RET(ioctl(m, TIOCGDEV, &dev));
    unsigned ma = major(a.st_rdev), mi = minor(a.st_rdev);
    say("TIOCGDEV is the slave: %d\n", dev == ((mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12)));
    int mod = 0;
    RET(ioctl(s, TIOCMGET, &mod));
    // TIOCSIG to the foreground group of a controlling slave.
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    pid_t pid = fork();
    if (pid == 0) {
        close(m);
        setsid();
        int t2 = open(name, O_RDWR);
        (void)t2;
        write(p[1], "r", 1);
        for (;;) pause();
    }
    char c;
    read(p[0], &c, 1);
    int sid = 0;
    RET(ioctl(m, TIOCGSID, &sid));
    say("master TIOCGSID is the child: %d\n", sid == pid);
    RET(ioctl(m, TIOCGPGRP, &pg));
    say("master TIOCGPGRP is the child: %d\n", pg == pid);
    RET(ioctl(m, TIOCSIG, SIGUSR1));
    RET(ioctl(m, TIOCSIG, SIGINT));
    say("child: %s\n", ct_wait(pid));
    return 0;
}
