// SPDX-License-Identifier: MIT
// FUTEX_WAIT_BITSET/FUTEX_WAKE_BITSET across processes: only waiters whose bitset meets the
// waker's are woken; a zero bitset is EINVAL for both; plain FUTEX_WAKE matches any bitset.
#include "futex_common.h"

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    say("wait bitset 0: %s\n", fx_res(fx(w, FX_WAIT_BITSET, 0, NULL, NULL, 0)));
    say("wake bitset 0: %s\n", fx_res(fx(w, FX_WAKE_BITSET, 1, NULL, NULL, 0)));
    pid_t a = fx_child_wait(w, FX_WAIT_BITSET, 0, NULL, 0x1);
    ct_wait_blocked(a);
    pid_t b = fx_child_wait(w, FX_WAIT_BITSET, 0, NULL, 0x2);
    ct_wait_blocked(b);
    pid_t c = fx_child_wait(w, FX_WAIT_BITSET, 0, NULL, 0x6);
    ct_wait_blocked(c);
    say("wake bitset 0x8: %s\n", fx_res(fx(w, FX_WAKE_BITSET, 10, NULL, NULL, 0x8)));
    say("wake bitset 0x4: %s\n", fx_res(fx(w, FX_WAKE_BITSET, 10, NULL, NULL, 0x4)));
    say("c: %s\n", fx_child_result(c));
    say("wake bitset 0x2 count 1: %s\n", fx_res(fx(w, FX_WAKE_BITSET, 1, NULL, NULL, 0x2)));
    say("b: %s\n", fx_child_result(b));
    say("plain wake: %s\n", fx_res(fx(w, FX_WAKE, 10, NULL, NULL, 0)));
    say("a: %s\n", fx_child_result(a));
    // A plain FUTEX_WAIT is a bitset wait with every bit set.
    pid_t d = fx_child_wait(w, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(d);
    say("wake bitset 0x80000000: %s\n", fx_res(fx(w, FX_WAKE_BITSET, 1, NULL, NULL, 0x80000000u)));
    say("d: %s\n", fx_child_result(d));
    return 0;
}
