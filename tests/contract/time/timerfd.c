// SPDX-License-Identifier: MIT
// timerfd: expirations counted in an 8-byte read, periodic overruns accumulate, EAGAIN/EINVAL, gettime.
#include "contract.h"
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>

int main(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    say("created: %d\n", fd >= 0);
    uint64_t n = 0;
    RET(read(fd, &n, 8));
    struct itimerspec its = {{0, 0}, {0, 30000000}};
    RET(timerfd_settime(fd, 0, &its, NULL));
    struct pollfd p = {fd, POLLIN, 0};
    RET(poll(&p, 1, 2000));
    RET(read(fd, &n, 8));
    say("expirations: %llu\n", (unsigned long long)n);
    RET(read(fd, &n, 4));
    struct itimerspec per = {{0, 10000000}, {0, 10000000}};
    timerfd_settime(fd, 0, &per, NULL);
    ct_msleep(100);
    read(fd, &n, 8);
    say("periodic expirations >= 5: %d\n", n >= 5);
    struct itimerspec cur;
    RET(timerfd_gettime(fd, &cur));
    say("interval kept: %d\n", cur.it_interval.tv_nsec == 10000000);
    struct itimerspec off = {{0, 0}, {0, 0}};
    timerfd_settime(fd, 0, &off, NULL);
    RET(read(fd, &n, 8));
    RET(timerfd_create(99, 0));
    RET(timerfd_create(CLOCK_MONOTONIC, 0x1234));
    struct itimerspec bad = {{0, 0}, {0, 2000000000}};
    RET(timerfd_settime(fd, 0, &bad, NULL));
    RET(timerfd_settime(0, 0, &its, NULL));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec abs = {{0, 0}, {now.tv_sec - 1, 0}};
    RET(timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL));
    RET(poll(&p, 1, 1000));
    RET(read(fd, &n, 8));
    return 0;
}
