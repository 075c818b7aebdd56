// SPDX-License-Identifier: MIT
// timerfd: absolute expiry, interval overruns, the old value, cancel-on-set, poll, blocking read, interruption, errors.
#include "contract.h"
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/timerfd.h>

#ifndef TFD_IOC_SET_TICKS
#define TFD_IOC_SET_TICKS _IOW('T', 0, uint64_t)
#endif

static long long now_ns(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec ts_of(long long ns) { return (struct timespec){ns / 1000000000LL, ns % 1000000000LL}; }

static int pollin(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, ms);
}

static void on_alarm(int s) { (void)s; }

int main(void)
{
    uint64_t n = 0;
    // Absolute expiry 400 ms ahead (far enough for a loaded machine): not ready at once, a
    // blocking read waits for it.
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    long long start = now_ns(CLOCK_MONOTONIC);
    struct itimerspec abs = {{0, 0}, ts_of(start + 400000000LL)};
    RET(timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL));
    RET(pollin(fd, 0));
    RET(read(fd, &n, 8));
    say("abs expirations: %llu, waited >= 400ms: %d\n", (unsigned long long)n, now_ns(CLOCK_MONOTONIC) - start >= 400000000LL);

    // Periodic: the count covers every period that passed; gettime shows the next one.
    struct itimerspec per = {{0, 10000000}, {0, 10000000}};
    RET(timerfd_settime(fd, 0, &per, NULL));
    ct_msleep(100);
    RET(pollin(fd, 0));
    RET(read(fd, &n, 8));
    say("periodic >= 9: %d\n", n >= 9);
    struct itimerspec cur;
    RET(timerfd_gettime(fd, &cur));
    say("next within interval: %d, interval: %ld\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 10000000,
        cur.it_interval.tv_nsec);
    // The old value is what gettime would say.
    struct itimerspec one = {{0, 0}, {5, 0}}, old;
    RET(timerfd_settime(fd, 0, &one, &old));
    say("old interval: %ld, old value below interval: %d\n", old.it_interval.tv_nsec, old.it_value.tv_sec == 0 && old.it_value.tv_nsec <= 10000000);
    RET(timerfd_settime(fd, 0, &one, &old));
    say("old value 4..5 s: %d\n", old.it_value.tv_sec == 4 || (old.it_value.tv_sec == 5 && old.it_value.tv_nsec == 0));
    struct itimerspec off = {{0, 0}, {0, 0}};
    RET(timerfd_settime(fd, 0, &off, &old));
    RET(timerfd_gettime(fd, &cur));
    say("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0 && cur.it_interval.tv_nsec == 0);

    // A blocking read is interrupted by a handled signal (no SA_RESTART).
    struct sigaction sa = {0};
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &it, NULL);
    RET(read(fd, &n, 8));

    // Ticks can be set (checkpoint/restore), not to 0.
    n = 5;
    RET(ioctl(fd, TFD_IOC_SET_TICKS, &n));
    n = 0;
    RET(read(fd, &n, 8));
    say("ticks read: %llu\n", (unsigned long long)n);
    RET(ioctl(fd, TFD_IOC_SET_TICKS, &n));
    RET(ioctl(fd, FIONREAD, &n));

    // Cancel on set: setting CLOCK_REALTIME wakes an absolute realtime timer with ECANCELED.
    int rt = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    int rt_plain = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    int rt_rel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    struct itimerspec far = {{0, 0}, ts_of(now_ns(CLOCK_REALTIME) + 100000000000LL)};
    RET(timerfd_settime(rt, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, NULL));
    RET(timerfd_settime(rt_plain, TFD_TIMER_ABSTIME, &far, NULL));
    struct itimerspec rel = {{0, 0}, {100, 0}};
    RET(timerfd_settime(rt_rel, TFD_TIMER_CANCEL_ON_SET, &rel, NULL));
    RET(pollin(rt, 0));
    struct timespec wall;
    clock_gettime(CLOCK_REALTIME, &wall);
    RET(clock_settime(CLOCK_REALTIME, &wall));
    RET(pollin(rt, 0));
    RET(read(rt, &n, 8));
    RET(read(rt, &n, 8));
    RET(read(rt_plain, &n, 8));
    RET(read(rt_rel, &n, 8));
    RET(timerfd_gettime(rt, &cur));
    say("still armed after cancel: %d\n", cur.it_value.tv_sec > 50);
    // An absolute realtime expiry in the past fires at once.
    struct itimerspec past = {{0, 0}, ts_of(now_ns(CLOCK_REALTIME) - 1000000000LL)};
    RET(timerfd_settime(rt_plain, TFD_TIMER_ABSTIME, &past, NULL));
    RET(pollin(rt_plain, 1000));
    RET(read(rt_plain, &n, 8));
    say("past expirations: %llu\n", (unsigned long long)n);

    {
        static const char *const keys[] = {"flags:", "clockid:", "ticks:", "settime flags:", "it_interval:", NULL};
        ct_show_fdinfo(rt, keys);
        struct itimerspec p2 = {{0, 20000000}, {3, 0}};
        timerfd_settime(rt_rel, 0, &p2, NULL);
        ct_show_fdinfo(rt_rel, keys);
    }
    // Errors and names.
    RET(timerfd_settime(fd, 4, &one, NULL));
    RET(timerfd_settime(fd, 0, NULL, NULL));
    RET(timerfd_gettime(99, &cur));
    RET(timerfd_gettime(0, &cur));
    RET(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
    RET(timerfd_create(CLOCK_MONOTONIC_RAW, 0));
    OK(timerfd_create(CLOCK_BOOTTIME, 0));
    OK(timerfd_create(CLOCK_BOOTTIME_ALARM, 0));
    OK(timerfd_create(CLOCK_REALTIME_ALARM, 0));
    char path[64], link[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    RET(readlink(path, link, sizeof link - 1));
    say("link: %s\n", link);
    int fl = fcntl(rt, F_GETFL);
    say("rdwr: %d nonblock: %d\n", (fl & O_ACCMODE) == O_RDWR, !!(fl & O_NONBLOCK));
    RET(write(fd, &n, 8));
    return 0;
}
