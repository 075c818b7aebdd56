// SPDX-License-Identifier: MIT
// Every clock through libc (the vDSO on Linux) agrees with the system call: readings interleaved with
// syscall(SYS_clock_gettime) never go backwards, coarse clocks never run ahead of their fine
// counterparts, invalid and CPU-time clocks behave as the syscall does; clock_getres, gettimeofday,
// time and sched_getcpu agree with their system calls.
#include "contract.h"
#include <sched.h>
#include <sys/syscall.h>
#include <sys/time.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

static const struct { clockid_t id; const char *name; } clocks[] = {
    {CLOCK_REALTIME, "REALTIME"}, {CLOCK_MONOTONIC, "MONOTONIC"}, {CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW"},
    {CLOCK_BOOTTIME, "BOOTTIME"}, {CLOCK_REALTIME_COARSE, "REALTIME_COARSE"},
    {CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE"}, {CLOCK_TAI, "TAI"},
    {CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID"}, {CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID"},
};

int main(void)
{
    for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        clockid_t id = clocks[i].id;
        struct timespec a, b, c, r, rs;
        int ok = 1, valid = 1;
        for (int k = 0; k < 300; k++) {
            ok &= clock_gettime(id, &a) == 0;
            ok &= syscall(SYS_clock_gettime, id, &b) == 0;
            ok &= clock_gettime(id, &c) == 0;
            ok &= ns(a) <= ns(b) && ns(b) <= ns(c);
            valid &= a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && a.tv_sec >= 0;
        }
        int gr = clock_getres(id, &r), grs = (int)syscall(SYS_clock_getres, id, &rs);
        say("%s: interleaved with the syscall: %s, valid: %s, getres %d/%d same: %s, getres(NULL): %d\n",
            clocks[i].name, ok ? "ok" : "BACKWARDS", valid ? "yes" : "no", gr, grs,
            gr == 0 && r.tv_sec == rs.tv_sec && r.tv_nsec == rs.tv_nsec ? "yes" : "no", clock_getres(id, NULL));
        if (i < 7) say("  res: %ld.%09ld\n", (long)r.tv_sec, r.tv_nsec);
    }

    // A coarse reading is never ahead of a fine reading taken after it (it is the clock at the last tick).
    int ok = 1;
    for (int k = 0; k < 300; k++) {
        struct timespec c1, f1, c2, f2;
        clock_gettime(CLOCK_MONOTONIC_COARSE, &c1);
        clock_gettime(CLOCK_MONOTONIC, &f1);
        clock_gettime(CLOCK_REALTIME_COARSE, &c2);
        clock_gettime(CLOCK_REALTIME, &f2);
        ok &= ns(c1) <= ns(f1) && ns(c2) <= ns(f2);
    }
    FACT("coarse <= fine", ok);
    // MONOTONIC, MONOTONIC_RAW and BOOTTIME move together (no suspend, no slewing here).
    struct timespec m0, raw, boot, m1;
    clock_gettime(CLOCK_MONOTONIC, &m0);
    clock_gettime(CLOCK_MONOTONIC_RAW, &raw);
    clock_gettime(CLOCK_BOOTTIME, &boot);
    clock_gettime(CLOCK_MONOTONIC, &m1);
    FACT("BOOTTIME >= MONOTONIC", ns(boot) >= ns(m0));
    FACT("MONOTONIC_RAW within 1 s of MONOTONIC", llabs(ns(raw) - ns(m1)) < 1000000000LL);

    const clockid_t bad[] = {-1, 12, 16, 100, 0x7fffffff};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct timespec t;
        errno = 0;
        int r = clock_gettime(bad[i], &t);
        int e = errno;
        errno = 0;
        int rr = clock_getres(bad[i], &t);
        say("clock %d: gettime %d %s, getres %d %s\n", (int)bad[i], r, ct_errname(e), rr, ct_errname(errno));
    }

    struct timeval tv;
    struct timespec t0, t1;
    ok = 1;
    for (int k = 0; k < 300; k++) {
        clock_gettime(CLOCK_REALTIME, &t0);
        gettimeofday(&tv, NULL);
        clock_gettime(CLOCK_REALTIME, &t1);
        long long us = tv.tv_sec * 1000000LL + tv.tv_usec;
        ok &= ns(t0) / 1000 <= us && us <= ns(t1) / 1000 && tv.tv_usec >= 0 && tv.tv_usec < 1000000;
    }
    FACT("gettimeofday between two REALTIME readings", ok);
    ok = 1;
    for (int k = 0; k < 300; k++) {
        struct timespec c;
        clock_gettime(CLOCK_REALTIME_COARSE, &c);
        time_t t = time(NULL);
        long sys = syscall(SYS_time, NULL);
        clock_gettime(CLOCK_REALTIME, &t1);
        time_t t2;
        time_t t3 = time(&t2);
        // time() is the coarse wall clock: it may still show the old second for a tick after
        // REALTIME has passed it (on Linux too), so it is only ordered after earlier readings.
        ok &= c.tv_sec <= t && c.tv_sec <= sys && t <= t1.tv_sec && sys <= t1.tv_sec && t2 == t3 && t <= t3;
    }
    FACT("time between REALTIME_COARSE and REALTIME, with the time syscall", ok);

    unsigned cpu = 99, node = 99;
    int c = sched_getcpu();
    long r = syscall(SYS_getcpu, &cpu, &node, NULL);
    say("sched_getcpu: %d, getcpu syscall: %ld cpu %u node %u, same: %s\n", c, r, cpu, node, c == (int)cpu ? "yes" : "no");
    return 0;
}
