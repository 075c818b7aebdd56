// SPDX-License-Identifier: MIT
// setitimer/getitimer ITIMER_REAL: one-shot and periodic SIGALRM, old value returned, disarming, EINVAL.
#include "contract.h"
#include <sys/time.h>

static volatile int alarms;
static void h(int s) { (void)s; alarms++; }

int main(void)
{
    signal(SIGALRM, h);
    struct itimerval it = {{0, 0}, {0, 300000}}, old;
    RET(setitimer(ITIMER_REAL, &it, &old));
    say("old disarmed: %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    FACT("remaining <= 300ms and > 0", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 300000);
    while (alarms == 0) pause();
    say("one-shot alarms: %d\n", alarms);
    getitimer(ITIMER_REAL, &cur);
    say("after expiry value zero: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    alarms = 0;
    struct itimerval per = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &per, NULL);
    while (alarms < 3) pause();
    struct itimerval off = {{0, 0}, {0, 0}};
    RET(setitimer(ITIMER_REAL, &off, &old));
    say("periodic reached 3, interval kept: %d\n", old.it_interval.tv_usec == 20000);
    struct itimerval bad = {{0, 0}, {0, 2000000}};
    RET(setitimer(ITIMER_REAL, &bad, NULL));
    RET(setitimer(7, &it, NULL));
    RET(getitimer(7, &cur));
    return 0;
}
