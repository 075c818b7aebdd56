// SPDX-License-Identifier: MIT
// The wall clock's limits: settimeofday and clock_settime refuse negative and malformed times,
// times at or past TIME_SETTOD_SEC_MAX (the clocks would overflow within 30 years of uptime) and
// times before the boot; the time is checked before the caller's privilege. Nothing here changes
// the clock.
#include "contract.h"
#include <sys/syscall.h>
#include <sys/time.h>

#define KTIME_SEC_MAX (0x7fffffffffffffffLL / 1000000000LL)
#define SETTOD_SEC_MAX (KTIME_SEC_MAX - 30LL * 365 * 24 * 3600)

static void try_ts(const char *label, long long sec, long nsec)
{
    struct timespec ts = {sec, nsec};
    errno = 0;
    int r = clock_settime(CLOCK_REALTIME, &ts);
    say("clock_settime %s: %s\n", label, r == 0 ? "ok" : ct_errname(errno));
}

static void try_tv(const char *label, long long sec, long usec)
{
    struct timeval tv = {sec, usec};
    errno = 0;
    int r = settimeofday(&tv, NULL);
    say("settimeofday %s: %s\n", label, r == 0 ? "ok" : ct_errname(errno));
}

static void all(void)
{
    try_ts("negative seconds", -1, 0);
    try_ts("nsec 1e9", 2000000000LL, 1000000000L);
    try_ts("nsec -1", 2000000000LL, -1);
    try_ts("TIME_SETTOD_SEC_MAX", SETTOD_SEC_MAX, 0);
    try_ts("KTIME_SEC_MAX", KTIME_SEC_MAX, 0);
    try_ts("huge", 0x7fffffffffffffffLL, 0);
    try_ts("before boot (0)", 0, 0);
    try_tv("negative seconds", -5, 0);
    try_tv("usec 1000000", 2000000000LL, 1000000L);
    try_tv("usec -1", 2000000000LL, -1);
    try_tv("TIME_SETTOD_SEC_MAX", SETTOD_SEC_MAX, 0);
    try_tv("huge", 0x7fffffffffffffffLL, 0);
    try_tv("before boot (0)", 0, 0);
    errno = 0;
    int r = syscall(SYS_settimeofday, NULL, NULL);   // (glibc's wrapper dereferences tv)
    say("settimeofday NULL: %s\n", r == 0 ? "ok" : ct_errname(errno));
}

int main(void)
{
    all();
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        say("-- unprivileged\n");
        all();
        try_ts("valid", 2000000000LL, 0);
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
