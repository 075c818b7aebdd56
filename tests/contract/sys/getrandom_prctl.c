// SPDX-License-Identifier: MIT
// getrandom flags and lengths, /dev/urandom reads, prctl basics (PDEATHSIG, DUMPABLE, invalid options).
#include "contract.h"
#include <sys/prctl.h>
#include <sys/random.h>

int main(void)
{
    unsigned char a[64] = {0}, b[64] = {0};
    RET(getrandom(a, 64, 0));
    RET(getrandom(b, 64, GRND_NONBLOCK));
    FACT("two draws differ", memcmp(a, b, 64) != 0);
    RET(getrandom(a, 0, 0));
    RET(getrandom(a, 16, 0x40));
    RET(getrandom((void *)8, 16, 0));
    int fd = open("/dev/urandom", O_RDONLY);
    RET(read(fd, a, 64));
    RET(prctl(PR_GET_DUMPABLE));
    RET(prctl(PR_SET_PDEATHSIG, SIGUSR1));
    int sig = 0;
    RET(prctl(PR_GET_PDEATHSIG, &sig));
    say("pdeathsig: %s\n", ct_signame(sig));
    RET(prctl(PR_SET_PDEATHSIG, 99));
    RET(prctl(12345));
    int p[2], q[2];
    pipe(p);
    pipe(q);
    pid_t mid = fork();
    if (mid == 0) {
        pid_t kid = fork();
        if (kid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            write(p[1], "r", 1);
            for (;;) pause();
        }
        char c;
        read(p[0], &c, 1);
        write(q[1], &kid, sizeof kid);
        _exit(0);
    }
    pid_t kid = 0;
    read(q[0], &kid, sizeof kid);
    ct_wait(mid);
    // The killed orphan is reaped by init (the runner): its /proc entry goes away.
    char path[64], st[512];
    snprintf(path, sizeof path, "/proc/%d/stat", kid);
    int gone = 0;
    for (int i = 0; i < 500 && !gone; i++) {
        if (ct_read_file(path, st, sizeof st) < 0) gone = 1;
        else if (strrchr(st, ')') && strrchr(st, ')')[2] == 'Z') gone = 1;
        else ct_msleep(10);
    }
    say("orphan with PDEATHSIG killed when its parent exited: %d\n", gone);
    return 0;
}
