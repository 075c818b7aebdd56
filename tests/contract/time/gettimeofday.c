// SPDX-License-Identifier: MIT
// gettimeofday/time agree with CLOCK_REALTIME; settimeofday by root moves the clock; by a user it is EPERM.
#include "contract.h"
#include <sys/time.h>

int main(void)
{
    struct timeval tv;
    RET(gettimeofday(&tv, NULL));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    FACT("gettimeofday within 2s of realtime", labs((long)(ts.tv_sec - tv.tv_sec)) <= 2);
    FACT("usec < 1e6", tv.tv_usec < 1000000);
    time_t t = time(NULL);
    FACT("time() within 2s", labs((long)(t - ts.tv_sec)) <= 2);
    struct timeval set = {2000000000, 0};
    RET(settimeofday(&set, NULL));
    gettimeofday(&tv, NULL);
    FACT("clock moved to 2033", tv.tv_sec >= 2000000000 && tv.tv_sec < 2000000010);
    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    FACT("monotonic unaffected", mono.tv_sec < 1000000000);
    struct timeval restore = {ts.tv_sec, 0};
    settimeofday(&restore, NULL);
    struct timeval bad = {0, 2000000};
    RET(settimeofday(&bad, NULL));
    pid_t pid = fork();
    if (pid == 0) { ct_become_user(); RET(settimeofday(&restore, NULL)); RET(clock_settime(CLOCK_REALTIME, &ts)); _exit(0); }
    ct_wait(pid);
    return 0;
}
