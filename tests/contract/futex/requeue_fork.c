// SPDX-License-Identifier: MIT
// FUTEX_REQUEUE and FUTEX_CMP_REQUEUE across processes: wake some, move the rest to a second
// word; CMP_REQUEUE checks the first word (EAGAIN) and negative counts are EINVAL.
#include "futex_common.h"

int main(void)
{
    volatile uint32_t *a = fx_shared_page();
    volatile uint32_t *b = a + 16;
    pid_t k[3];
    for (int i = 0; i < 3; i++) {
        k[i] = fx_child_wait(a, FX_WAIT, 0, NULL, 0);
        ct_wait_blocked(k[i]);
    }
    say("cmp_requeue on a changed word: %s\n", fx_res(fx(a, FX_CMP_REQUEUE, 1, (void *)1L, b, 7)));
    say("requeue negative count: %s\n", fx_res(fx(a, FX_CMP_REQUEUE, 1, (void *)-1L, b, 0)));
    say("requeue negative wake: %s\n", fx_res(fx(a, FX_REQUEUE, -1, (void *)1L, b, 0)));
    say("cmp_requeue wake 1 move 1: %s\n", fx_res(fx(a, FX_CMP_REQUEUE, 1, (void *)1L, b, 0)));
    say("first child: %s\n", fx_child_result(k[0]));
    say("wake on b: %s\n", fx_res(fx(b, FX_WAKE, 10, NULL, NULL, 0)));
    say("second child: %s\n", fx_child_result(k[1]));
    say("requeue wake 0 move 5: %s\n", fx_res(fx(a, FX_REQUEUE, 0, (void *)5L, b, 0)));
    say("wake on a: %s\n", fx_res(fx(a, FX_WAKE, 10, NULL, NULL, 0)));
    say("wake on b: %s\n", fx_res(fx(b, FX_WAKE, 10, NULL, NULL, 0)));
    say("third child: %s\n", fx_child_result(k[2]));
    say("requeue with nobody: %s\n", fx_res(fx(a, FX_REQUEUE, 1, (void *)1L, b, 0)));
    return 0;
}
