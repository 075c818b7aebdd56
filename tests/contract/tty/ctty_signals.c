// SPDX-License-Identifier: MIT
// Controlling terminal: TIOCSCTTY, ^C/^\ /^Z send SIGINT/SIGQUIT/SIGTSTP to the foreground group, tcgetpgrp.
#include "contract.h"
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int t = open(name, O_RDWR);
        char r[8];
        r[0] = ioctl(t, TIOCSCTTY, 0) == 0 ? 'Y' : 'N';
        r[1] = tcgetpgrp(t) == getpid() ? 'Y' : 'N';
        r[2] = tcgetsid(t) == getpid() ? 'Y' : 'N';
        int dt = open("/dev/tty", O_RDWR);
        r[3] = dt >= 0 ? 'Y' : 'N';
        write(p[1], r, 4);
        signal(SIGINT, SIG_IGN); // the leader is in the foreground group too
        pid_t kid = fork();
        if (kid == 0) { signal(SIGINT, SIG_DFL); write(p[1], "k", 1); for (;;) pause(); }
        int st;
        waitpid(kid, &st, WUNTRACED);
        write(p[1], WIFSIGNALED(st) ? "K" : WIFSTOPPED(st) ? "S" : "?", 1);
        char sig = WIFSIGNALED(st) ? WTERMSIG(st) : WIFSTOPPED(st) ? WSTOPSIG(st) : 0;
        write(p[1], &sig, 1);
        _exit(0);
    }
    char r[8] = {0};
    ct_read_full(p[0], r, 4);
    close(p[1]);
    say("TIOCSCTTY %c, tcgetpgrp==leader %c, tcgetsid %c, /dev/tty opens %c\n", r[0], r[1], r[2], r[3]);
    ct_read_full(p[0], r, 1);
    write(m, "\x03", 1);
    char k[2] = {0};
    ct_read_full(p[0], k, 2);
    say("^C: child %c by %s\n", k[0], ct_signame(k[1]));
    say("leader: %s\n", ct_wait(pid));
    RET(ioctl(m, TIOCSCTTY, 0));
    RET(tcgetpgrp(m));
    return 0;
}
