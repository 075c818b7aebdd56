// SPDX-License-Identifier: MIT
// vhangup: EPERM without CAP_SYS_TTY_CONFIG, nothing to do without a controlling terminal, and on a pty
// slave that is one: the session leader gets SIGHUP and SIGCONT, the session loses the terminal, the open
// slave reads end of file and writes fail with EIO.
#include "contract.h"
#include <sys/ioctl.h>
#include <sys/syscall.h>

static volatile int hups, conts;
static void on_hup(int s) { (void)s; hups++; }
static void on_cont(int s) { (void)s; conts++; }

int main(void)
{
    RET(syscall(SYS_vhangup));
    pid_t p = fork();
    if (p == 0) {
        ct_become_user();
        _exit(syscall(SYS_vhangup) == -1 && errno == EPERM ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(p));

    p = fork();
    if (p == 0) {
        setsid();
        int m = posix_openpt(O_RDWR | O_NOCTTY);
        grantpt(m);
        unlockpt(m);
        int s = open(ptsname(m), O_RDWR);
        signal(SIGHUP, on_hup);
        signal(SIGCONT, on_cont);
        int t = open("/dev/tty", O_RDWR);
        say("controlling tty: %d\n", t >= 0);
        close(t);
        RET(syscall(SYS_vhangup));
        say("SIGHUP %d SIGCONT %d\n", hups, conts);
        RET(open("/dev/tty", O_RDWR));
        char c;
        RET(read(s, &c, 1));
        RET(write(s, "x", 1));
        _exit(0);
    }
    say("child: %s\n", ct_wait(p));
    return 0;
}
