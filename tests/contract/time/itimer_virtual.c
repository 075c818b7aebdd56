// SPDX-License-Identifier: MIT
// ITIMER_VIRTUAL and ITIMER_PROF count CPU time: SIGVTALRM/SIGPROF arrive while spinning, not while sleeping.
#include "contract.h"
#include <sys/time.h>

static volatile int vt, prof;
static void h(int s) { if (s == SIGVTALRM) vt++; else prof++; }

int main(void)
{
    signal(SIGVTALRM, h);
    signal(SIGPROF, h);
    struct itimerval it = {{0, 0}, {0, 20000}};
    RET(setitimer(ITIMER_VIRTUAL, &it, NULL));
    ct_msleep(100);
    say("virtual after sleeping: %d\n", vt);
    while (!vt) {}
    say("virtual after spinning: %d\n", vt);
    RET(setitimer(ITIMER_PROF, &it, NULL));
    while (!prof) {}
    say("prof after spinning: %d\n", prof);
    struct itimerval cur;
    getitimer(ITIMER_VIRTUAL, &cur);
    say("virtual disarmed after one-shot: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    return 0;
}
