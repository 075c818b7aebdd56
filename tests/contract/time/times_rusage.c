// SPDX-License-Identifier: MIT
// times() and getrusage(): CPU time accumulates for self and, after wait, for children; RUSAGE_* errors.
#include "contract.h"
#include <sys/resource.h>
#include <sys/times.h>

static void spin(long ms) { struct timespec a, b; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a); do clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b); while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms); }

int main(void)
{
    struct tms t0, t1;
    clock_t c0 = times(&t0);
    FACT("times() returns nonzero", c0 != (clock_t)-1);
    spin(60);
    struct rusage ru;
    RET(getrusage(RUSAGE_SELF, &ru));
    FACT("self utime+stime >= 40ms", ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec >= 40000);
    getrusage(RUSAGE_CHILDREN, &ru);
    FACT("children zero before", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0);
    pid_t pid = fork();
    if (pid == 0) { spin(60); _exit(0); }
    getrusage(RUSAGE_CHILDREN, &ru);
    FACT("children zero before wait", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec < 1000);
    ct_wait(pid);
    getrusage(RUSAGE_CHILDREN, &ru);
    FACT("children >= 40ms after wait", ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec >= 40000);
    times(&t1);
    FACT("tms_cutime+cstime grew", t1.tms_cutime + t1.tms_cstime > t0.tms_cutime + t0.tms_cstime);
    RET(getrusage(5, &ru));
    RET(sysconf(_SC_CLK_TCK));
    FACT("maxrss > 0", (getrusage(RUSAGE_SELF, &ru), ru.ru_maxrss > 0));
    return 0;
}
