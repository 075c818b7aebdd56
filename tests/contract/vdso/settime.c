// SPDX-License-Identifier: MIT
// Setting the wall clock (clock_settime, settimeofday) as root shows at once in every way of reading
// it through libc (the vDSO on Linux): clock_gettime REALTIME and REALTIME_COARSE, gettimeofday, time;
// MONOTONIC does not jump. Unprivileged callers get EPERM, other clocks EINVAL. The clock is put back.
#include "contract.h"
#include <sys/syscall.h>
#include <sys/time.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

// Every reading of the wall clock lies in [base, base + 5 s].
static int near(long long base)
{
    struct timespec r, c;
    struct timeval tv;
    clock_gettime(CLOCK_REALTIME, &r);
    clock_gettime(CLOCK_REALTIME_COARSE, &c);
    gettimeofday(&tv, NULL);
    time_t t = time(NULL);
    long long lim = base + 5000000000LL;
    long long us = (tv.tv_sec * 1000000LL + tv.tv_usec) * 1000;
    return ns(r) >= base && ns(r) < lim && ns(c) >= base && ns(c) < lim && us >= base / 1000 * 1000 && us < lim &&
           (long long)t >= base / 1000000000 && (long long)t < lim / 1000000000 + 1;
}

int main(void)
{
    struct timespec saved, m0, m1, target;
    clock_gettime(CLOCK_REALTIME, &saved);
    clock_gettime(CLOCK_MONOTONIC, &m0);

    // Forward by a day (whole seconds plus a fraction).
    target.tv_sec = saved.tv_sec + 86400;
    target.tv_nsec = 250000000;
    RET(clock_settime(CLOCK_REALTIME, &target));
    FACT("after clock_settime +1 day: every reading near the new time", near(ns(target)));
    // Backward: to a time before the saved one.
    struct timeval back = {saved.tv_sec - 86400, 500000};
    RET(settimeofday(&back, NULL));
    FACT("after settimeofday -1 day: every reading near the new time", near(back.tv_sec * 1000000000LL + 500000000LL));
    clock_gettime(CLOCK_MONOTONIC, &m1);
    FACT("MONOTONIC did not jump", ns(m1) >= ns(m0) && ns(m1) - ns(m0) < 5000000000LL);

    struct timespec bad = {0, 1000000000};
    RET(clock_settime(CLOCK_REALTIME, &bad));
    RET(clock_settime(CLOCK_MONOTONIC, &target));
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        int r = clock_settime(CLOCK_REALTIME, &target);
        _exit(r == -1 && errno == EPERM ? 0 : 1);
    }
    say("unprivileged clock_settime gets EPERM: %s\n", ct_wait(pid));

    // Put the clock back where it would be.
    struct timespec m2, restore;
    clock_gettime(CLOCK_MONOTONIC, &m2);
    long long now = ns(saved) + (ns(m2) - ns(m0));
    restore.tv_sec = now / 1000000000LL;
    restore.tv_nsec = now % 1000000000LL;
    RET(clock_settime(CLOCK_REALTIME, &restore));
    FACT("restored", near(now));
    return 0;
}
