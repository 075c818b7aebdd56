// SPDX-License-Identifier: MIT
// TIOCGWINSZ/TIOCSWINSZ: default 0x0, set on the master read on the slave, SIGWINCH to the foreground group.
#include "contract.h"
#include <sys/ioctl.h>

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    struct winsize ws;
    int s = open(name, O_RDWR | O_NOCTTY);
    RET(ioctl(s, TIOCGWINSZ, &ws));
    say("default: %dx%d\n", ws.ws_row, ws.ws_col);
    struct winsize set = {24, 80, 640, 480};
    RET(ioctl(m, TIOCSWINSZ, &set));
    ioctl(s, TIOCGWINSZ, &ws);
    say("slave sees: %dx%d pixels %dx%d\n", ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int t = open(name, O_RDWR);
        ioctl(t, TIOCSCTTY, 0);
        sigset_t w;
        sigemptyset(&w);
        sigaddset(&w, SIGWINCH);
        sigprocmask(SIG_BLOCK, &w, NULL);
        write(p[1], "r", 1);
        int sig;
        sigwait(&w, &sig);
        write(p[1], sig == SIGWINCH ? "W" : "?", 1);
        _exit(0);
    }
    char c;
    read(p[0], &c, 1);
    struct winsize big = {50, 132, 0, 0};
    RET(ioctl(m, TIOCSWINSZ, &big));
    read(p[0], &c, 1);
    say("foreground got SIGWINCH: %c\n", c);
    ct_wait(pid);
    RET(ioctl(p[0], TIOCGWINSZ, &ws));
    RET(ioctl(s, TIOCGWINSZ, (void *)8));
    return 0;
}
