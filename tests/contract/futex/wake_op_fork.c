// SPDX-License-Identifier: MIT
// FUTEX_WAKE_OP: the op on the second word (set, add, or, andn, xor, shifted operand), the
// comparison on its old value deciding the second wake-up, and ENOSYS for unknown ops.
#include "futex_common.h"

int main(void)
{
    volatile uint32_t *a = fx_shared_page();
    volatile uint32_t *b = a + 16;
    long r;
    pid_t wa = fx_child_wait(a, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(wa);
    pid_t wb = fx_child_wait(b, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(wb);
    // b += 5; wake b's waiters if old b == 0.
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(1, 5, 0, 0));
    say("add, eq 0: %s b=%u\n", fx_res(r), *b);
    say("children: %s %s\n", fx_child_result(wa), fx_child_result(wb));
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(0, 3, 1, 5));
    say("set 3, ne 5: %s b=%u\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(2, 0x10, 2, 3));
    say("or 0x10, lt 3: %s b=%u\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(3, 1, 5, 0x13));
    say("andn 1, ge 0x13: %s b=%u\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(4, 0xff, 3, 0));
    say("xor 0xff, le 0: %s b=%u\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(8 | 2, 4, 4, 0));
    say("or 1<<4 (shift), gt 0: %s b=%#x\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(1, 0xfff, 0, 0));
    say("add -1 (sign-extended): %s b=%#x\n", fx_res(r), *b);
    *b = 9;
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(5, 1, 0, 0));
    say("unknown op: %s b=%u\n", fx_res(r), *b);
    r = fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(1, 1, 7, 0));
    say("unknown cmp: %s b=%u\n", fx_res(r), *b);
    // A waiter on b is woken when the comparison holds, up to nr_wake2.
    *b = 0;
    pid_t w1 = fx_child_wait(b, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(w1);
    pid_t w2 = fx_child_wait(b, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(w2);
    say("set 1, eq 0, nr_wake2 1: %s\n", fx_res(fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(0, 1, 0, 0))));
    say("set 0, eq 0 (old is 1): %s\n", fx_res(fx(a, FX_WAKE_OP, 1, (void *)1L, b, FX_OP(0, 0, 0, 0))));
    say("wake the last: %s\n", fx_res(fx(b, FX_WAKE, 5, NULL, NULL, 0)));
    say("b waiters: %s %s\n", fx_child_result(w1), fx_child_result(w2));
    return 0;
}
