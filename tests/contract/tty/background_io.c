// SPDX-License-Identifier: MIT
// Job control on a pty: tcsetpgrp, background reads get SIGTTIN, TOSTOP background writes get SIGTTOU.
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
    pid_t leader = fork();
    if (leader == 0) {
        close(p[0]);
        setsid();
        int t = open(name, O_RDWR);
        ioctl(t, TIOCSCTTY, 0);
        signal(SIGTTOU, SIG_IGN);
        char out[64];
        pid_t bg = fork();
        if (bg == 0) {
            setpgid(0, 0);
            signal(SIGTTOU, SIG_DFL);
            char c;
            read(t, &c, 1);
            _exit(0);
        }
        setpgid(bg, bg);
        int st;
        waitpid(bg, &st, WUNTRACED);
        snprintf(out, sizeof out, "bg read: %s\n", ct_status(st));
        write(p[1], out, strlen(out));
        kill(bg, SIGKILL);
        waitpid(bg, &st, 0);
        struct termios tio;
        tcgetattr(t, &tio);
        tio.c_lflag |= TOSTOP;
        tcsetattr(t, TCSANOW, &tio);
        bg = fork();
        if (bg == 0) { setpgid(0, 0); signal(SIGTTOU, SIG_DFL); write(t, "x", 1); _exit(0); }
        setpgid(bg, bg);
        waitpid(bg, &st, WUNTRACED);
        snprintf(out, sizeof out, "bg write with TOSTOP: %s\n", ct_status(st));
        write(p[1], out, strlen(out));
        int r = tcsetpgrp(t, bg);
        snprintf(out, sizeof out, "tcsetpgrp to bg: %s, fg now bg: %d\n", r ? ct_errname(errno) : "ok", tcgetpgrp(t) == bg);
        write(p[1], out, strlen(out));
        kill(bg, SIGCONT);
        waitpid(bg, &st, 0);
        snprintf(out, sizeof out, "now foreground, write finished: %s\n", ct_status(st));
        write(p[1], out, strlen(out));
        r = tcsetpgrp(t, 99999);
        snprintf(out, sizeof out, "tcsetpgrp bogus: %s\n", r ? ct_errname(errno) : "ok");
        write(p[1], out, strlen(out));
        _exit(0);
    }
    close(p[1]);
    char buf[512] = {0};
    ct_read_full(p[0], buf, sizeof buf - 1);
    say("%s", buf);
    say("leader: %s\n", ct_wait(leader));
    return 0;
}
