// SPDX-License-Identifier: MIT
// nanosleep/clock_nanosleep: sleeps at least the requested time, TIMER_ABSTIME, past deadlines, EINVAL.
#include "contract.h"

static long long now_ns(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
    long long t0 = now_ns(CLOCK_MONOTONIC);
    struct timespec req = {0, 50000000};
    RET(nanosleep(&req, NULL));
    long long dt = now_ns(CLOCK_MONOTONIC) - t0;
    FACT("slept >= 50ms", dt >= 50000000);
    t0 = now_ns(CLOCK_MONOTONIC);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 30000000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    RET(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
    FACT("abs sleep reached deadline", now_ns(CLOCK_MONOTONIC) >= abs.tv_sec * 1000000000LL + abs.tv_nsec);
    struct timespec past = {1, 0};
    RET(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL));
    struct timespec zero = {0, 0};
    RET(nanosleep(&zero, NULL));
    struct timespec bad = {0, 1000000000};
    RET(nanosleep(&bad, NULL));
    struct timespec neg = {-1, 0};
    RET(nanosleep(&neg, NULL));
    say("clock_nanosleep bad clock: %s\n", ct_errname(clock_nanosleep(99, 0, &req, NULL)));
    say("clock_nanosleep cputime: %s\n", ct_errname(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL)));
    say("clock_nanosleep bad flags: %s\n", ct_errname(clock_nanosleep(CLOCK_MONOTONIC, 0x100, &zero, NULL)));
    return 0;
}
