// SPDX-License-Identifier: MIT
// Closing the master: slave reads return EOF/EIO, writes EIO, the session leader gets SIGHUP; master EIO when slave closed.
#include "contract.h"
#include <sys/ioctl.h>

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    int s = open(name, O_RDWR | O_NOCTTY);
    close(s);
    char buf[8];
    RET(read(m, buf, sizeof buf));
    s = open(name, O_RDWR | O_NOCTTY);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        close(m);
        close(s);
        setsid();
        int t = open(name, O_RDWR);
        ioctl(t, TIOCSCTTY, 0);
        signal(SIGHUP, SIG_DFL);
        write(p[1], "r", 1);
        for (;;) pause();
    }
    close(p[1]);
    char c;
    read(p[0], &c, 1);
    close(m);
    say("session leader: %s\n", ct_wait(pid));
    RET(read(s, buf, sizeof buf));
    RET(write(s, "x", 1));
    return 0;
}
