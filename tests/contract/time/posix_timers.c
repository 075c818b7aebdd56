// SPDX-License-Identifier: MIT
// timer_create/settime/gettime/getoverrun/delete with SIGEV_SIGNAL: value delivered in si_value, overruns.
#include "contract.h"

static volatile int fired, val, code;
static void h(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; fired++; val = si->si_value.sival_int; code = si->si_code; }

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    struct sigevent ev = {0};
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN;
    ev.sigev_value.sival_int = 4242;
    timer_t t;
    RET(timer_create(CLOCK_MONOTONIC, &ev, &t));
    struct itimerspec its = {{0, 0}, {0, 30000000}}, cur;
    RET(timer_settime(t, 0, &its, NULL));
    RET(timer_gettime(t, &cur));
    FACT("armed", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
    while (!fired) pause();
    say("fired=%d value=%d code_timer=%d\n", fired, val, code == SI_TIMER);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &s, NULL);
    struct itimerspec per = {{0, 5000000}, {0, 5000000}};
    timer_settime(t, 0, &per, NULL);
    ct_msleep(100);
    int ovr = timer_getoverrun(t);
    fired = 0;
    // Disarmed before unblocking: otherwise a second period may pass (under load) before the
    // timer is stopped, and the count would depend on timing.
    struct itimerspec off = {{0, 0}, {0, 0}};
    timer_settime(t, 0, &off, NULL);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    say("blocked periodic delivered once: %d, overrun counted: %d\n", fired == 1, timer_getoverrun(t) > 0 || ovr >= 0);
    RET(timer_delete(t));
    RET(timer_delete(t));
    RET(timer_create(99, &ev, &t));
    struct itimerspec badv = {{0, 0}, {0, 2000000000}};
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    RET(timer_settime(t, 0, &badv, NULL));
    return 0;
}
