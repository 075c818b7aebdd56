// SPDX-License-Identifier: MIT
// setsid: EPERM for a group leader, new session and group ids equal the pid, no controlling terminal.
#include "contract.h"

int main(void)
{
    RET(setsid());
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t s = setsid();
        char r[4];
        r[0] = s == getpid() ? 'Y' : 'N';
        r[1] = getsid(0) == getpid() ? 'Y' : 'N';
        r[2] = getpgid(0) == getpid() ? 'Y' : 'N';
        r[3] = open("/dev/tty", O_RDWR) < 0 && errno == ENXIO ? 'Y' : 'N';
        write(p[1], r, 4);
        r[0] = setsid() == -1 && errno == EPERM ? 'Y' : 'N';
        write(p[1], r, 1);
        _exit(0);
    }
    char r[5] = {0};
    ct_read_full(p[0], r, 5);
    say("sid==pid %c, getsid==pid %c, pgid==pid %c, /dev/tty ENXIO %c, second setsid EPERM %c\n", r[0], r[1], r[2], r[3], r[4]);
    ct_wait(pid);
    FACT("getsid(0) == getsid(getpid())", getsid(0) == getsid(getpid()));
    RET(getsid(99999999));
    return 0;
}
