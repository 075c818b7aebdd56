// SPDX-License-Identifier: MIT
// wait4 fills struct rusage of the reaped child; the parent's RUSAGE_CHILDREN grows; errors of wait4.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec a, b;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
        do clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b); while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < 50);
        _exit(4);
    }
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    int st;
    pid_t r = wait4(pid, &st, 0, &ru);
    say("wait4 got child: %d %s\n", r == pid, ct_status(st));
    long us = ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
    say("child cpu >= 30ms: %d, maxrss > 0: %d\n", us >= 30000, ru.ru_maxrss > 0);
    RET(wait4(-1, &st, 0, &ru));
    RET(wait4(-1, &st, 0x12345, &ru));
    pid = fork();
    if (pid == 0) _exit(0);
    RET(wait4(pid, &st, 0, (struct rusage *)8) == -1 ? -1 : 0);
    RET(wait4(pid, &st, WNOHANG, NULL));
    return 0;
}
