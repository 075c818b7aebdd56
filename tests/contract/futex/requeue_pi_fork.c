// SPDX-License-Identifier: MIT
// FUTEX_WAIT_REQUEUE_PI / FUTEX_CMP_REQUEUE_PI across processes (a condition variable handing
// waiters to a PI mutex): the top waiter takes a free PI futex at once, the others are queued
// on it and get it through UNLOCK_PI handoffs; the argument checks as Linux.
#include "futex_common.h"

// A child waiting on cond for the PI futex mtx; it unlocks mtx when it gets it and reports.
static pid_t waiter(volatile uint32_t *cond, volatile uint32_t *mtx)
{
    pid_t pid = fork();
    if (pid == 0) {
        long r = fx(cond, FX_WAIT_REQUEUE_PI, 0, NULL, mtx, 0);
        if (r != 0) _exit(errno);
        uint32_t tid = (uint32_t)getpid();
        int owned = (*mtx & FX_TID_MASK) == tid;
        if (fx(mtx, FX_UNLOCK_PI, 0, NULL, NULL, 0) != 0) _exit(100);
        _exit(owned ? 0 : 101);
    }
    return pid;
}

int main(void)
{
    volatile uint32_t *cond = fx_shared_page();
    volatile uint32_t *mtx = cond + 16;
    say("wait_requeue_pi same word: %s\n", fx_res(fx(cond, FX_WAIT_REQUEUE_PI, 0, NULL, cond, 0)));
    say("wait_requeue_pi wrong value: %s\n", fx_res(fx(cond, FX_WAIT_REQUEUE_PI, 1, NULL, mtx, 0)));
    struct timespec t = fx_abs_ms(CLOCK_MONOTONIC, 50);
    say("wait_requeue_pi timeout: %s\n", fx_res(fx(cond, FX_WAIT_REQUEUE_PI, 0, &t, mtx, 0)));
    say("cmp_requeue_pi nr_wake 2: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 2, (void *)1L, mtx, 0)));
    say("cmp_requeue_pi same word: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 1, (void *)1L, cond, 0)));
    say("cmp_requeue_pi nobody: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 1, (void *)1L, mtx, 0)));

    // Free PI futex: the top waiter gets it directly.
    pid_t a = waiter(cond, mtx);
    ct_wait_blocked(a);
    say("plain wake of a requeue-PI waiter: %s\n", fx_res(fx(cond, FX_WAKE, 1, NULL, NULL, 0)));
    say("cmp_requeue_pi changed word: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 1, (void *)1L, mtx, 5)));
    say("cmp_requeue_pi, mutex free: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 1, (void *)1L, mtx, 0)));
    say("waiter a: %s\n", fx_child_result(a));
    say("mutex after a: %#x\n", *mtx);

    // Mutex held by us: both waiters are moved onto it and get it one after the other.
    fx(mtx, FX_LOCK_PI, 0, NULL, NULL, 0);
    pid_t b = waiter(cond, mtx);
    ct_wait_blocked(b);
    pid_t c = waiter(cond, mtx);
    ct_wait_blocked(c);
    say("cmp_requeue_pi, mutex held: %s\n", fx_res(fx(cond, FX_CMP_REQUEUE_PI, 1, (void *)5L, mtx, 0)));
    say("mutex has waiters: %s\n", (*mtx & FX_WAITERS) && (*mtx & FX_TID_MASK) == (uint32_t)getpid() ? "yes" : "no");
    say("nobody left on cond: %s\n", fx_res(fx(cond, FX_WAKE, 5, NULL, NULL, 0)));
    say("unlock: %s\n", fx_res(fx(mtx, FX_UNLOCK_PI, 0, NULL, NULL, 0)));
    const char *rb = fx_child_result(b), *rc = fx_child_result(c);
    say("waiters b c: %s %s\n", rb, rc);
    say("mutex at the end: %#x\n", *mtx);
    return 0;
}
