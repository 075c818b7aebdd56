// SPDX-License-Identifier: MIT
// clock_gettime/clock_getres for every clock id: which exist, monotonic never goes back, resolution, EINVAL.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    struct { clockid_t id; const char *name; } ids[] = {
        {CLOCK_REALTIME, "REALTIME"}, {CLOCK_MONOTONIC, "MONOTONIC"}, {CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME"},
        {CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME"}, {CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW"},
        {CLOCK_REALTIME_COARSE, "REALTIME_COARSE"}, {CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE"},
        {CLOCK_BOOTTIME, "BOOTTIME"}, {CLOCK_TAI, "TAI"}, {CLOCK_REALTIME_ALARM, "REALTIME_ALARM"}};
    for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        struct timespec ts, res;
        int a = clock_gettime(ids[i].id, &ts);
        int ea = errno;
        int b = clock_getres(ids[i].id, &res);
        say("%s: gettime %s, getres %s, nsec<1e9 %d, res<=4ms %d\n", ids[i].name, a ? ct_errname(ea) : "ok",
            b ? ct_errname(errno) : "ok", a ? 1 : ts.tv_nsec < 1000000000, b ? 1 : res.tv_sec == 0 && res.tv_nsec <= 4000000);
    }
    struct timespec ts;
    RET(clock_gettime(99, &ts));
    RET(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8));
    RET(clock_settime(CLOCK_MONOTONIC, &ts));
    int back = 0;
    struct timespec prev, now;
    clock_gettime(CLOCK_MONOTONIC, &prev);
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec < prev.tv_sec || (now.tv_sec == prev.tv_sec && now.tv_nsec < prev.tv_nsec)) back++;
        prev = now;
    }
    say("monotonic went back: %d\n", back);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    FACT("realtime after 2020", rt.tv_sec > 1577836800);
    struct timespec mono, boot;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    clock_gettime(CLOCK_BOOTTIME, &boot);
    FACT("boottime >= monotonic", boot.tv_sec > mono.tv_sec || (boot.tv_sec == mono.tv_sec && boot.tv_nsec >= mono.tv_nsec));
    return 0;
}
