// SPDX-License-Identifier: MIT
// A signal during FUTEX_WAIT: EINTR with a handler without SA_RESTART; with SA_RESTART an
// untimed wait restarts (and is then woken normally) while a timed one still fails with EINTR;
// a stop and continue without a handler restarts even a timed wait to the same deadline.
#include "futex_common.h"

static void on_usr1(int s) { (void)s; }

// Child waits on w (value 0) and reports 0 (woken), or the errno as its exit status.
static pid_t waiter(volatile uint32_t *w, int sa_flags, const struct timespec *ts)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa = {0};
        sa.sa_handler = on_usr1;
        sa.sa_flags = sa_flags;
        sigaction(SIGUSR1, &sa, NULL);
        long r = fx(w, FX_WAIT, 0, ts, NULL, 0);
        _exit(r == 0 ? 0 : errno);
    }
    return pid;
}

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    pid_t a = waiter(w, 0, NULL);
    ct_wait_blocked(a);
    kill(a, SIGUSR1);
    say("handler, no SA_RESTART: %s\n", fx_child_result(a));

    pid_t b = waiter(w, SA_RESTART, NULL);
    ct_wait_blocked(b);
    kill(b, SIGUSR1);
    ct_msleep(50);
    ct_wait_blocked(b);   // back in the wait after the handler
    say("SA_RESTART, then woken: wake=%s", fx_res(fx(w, FX_WAKE, 1, NULL, NULL, 0)));
    say(" child=%s\n", fx_child_result(b));

    struct timespec long_wait = fx_rel_ms(5000);
    pid_t c = waiter(w, SA_RESTART, &long_wait);
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    say("SA_RESTART with a timeout: %s\n", fx_child_result(c));

    struct timespec short_wait = fx_rel_ms(400);
    pid_t d = waiter(w, 0, &short_wait);
    ct_wait_blocked(d);
    kill(d, SIGSTOP);
    kill(d, SIGCONT);
    say("stopped and continued, timed: %s\n", fx_child_result(d));

    pid_t e = waiter(w, 0, NULL);
    ct_wait_blocked(e);
    kill(e, SIGKILL);
    say("SIGKILL: %s\n", fx_child_result(e));
    // The killed waiter left no trace: nobody to wake.
    say("wake after the kill: %s\n", fx_res(fx(w, FX_WAKE, 1, NULL, NULL, 0)));
    return 0;
}
