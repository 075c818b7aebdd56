// SPDX-License-Identifier: MIT
// FUTEX_WAIT/FUTEX_WAKE between processes on a MAP_SHARED page: wake counts, value mismatch,
// private keys never meet across processes, FUTEX_WAKE with a count of 0 wakes one.
#include "futex_common.h"

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    say("wake nobody: %s\n", fx_res(fx(w, FX_WAKE, 1, NULL, NULL, 0)));
    say("wait on wrong value: %s\n", fx_res(fx(w, FX_WAIT, 5, NULL, NULL, 0)));
    say("private wait on wrong value: %s\n", fx_res(fx(w, FX_WAIT | FX_PRIVATE, 5, NULL, NULL, 0)));

    pid_t a = fx_child_wait(w, FX_WAIT, 0, NULL, 0);
    pid_t b = fx_child_wait(w, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(a);
    ct_wait_blocked(b);
    // Both children wait on the same physical word under the shared key.
    say("private wake from another process: %s\n", fx_res(fx(w, FX_WAKE | FX_PRIVATE, 10, NULL, NULL, 0)));
    *w = 1;
    say("wake with count 0: %s\n", fx_res(fx(w, FX_WAKE, 0, NULL, NULL, 0)));
    say("wake the rest: %s\n", fx_res(fx(w, FX_WAKE, 10, NULL, NULL, 0)));
    const char *ra = fx_child_result(a), *rb = fx_child_result(b);
    say("children: %s %s\n", ra, rb);

    // A waiter keyed privately in its own process is not reachable through the shared key.
    *w = 0;
    struct timespec t = fx_rel_ms(300);
    pid_t c = fx_child_wait(w, FX_WAIT | FX_PRIVATE, 0, &t, 0);
    ct_wait_blocked(c);
    say("shared wake of a private waiter: %s\n", fx_res(fx(w, FX_WAKE, 1, NULL, NULL, 0)));
    say("private child: %s\n", fx_child_result(c));
    return 0;
}
