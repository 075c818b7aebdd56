// SPDX-License-Identifier: MIT
// Futex timeouts: FUTEX_WAIT relative (monotonic), WAIT_BITSET absolute on CLOCK_MONOTONIC or
// (FUTEX_CLOCK_REALTIME) CLOCK_REALTIME, expired deadlines, and the timespec checks.
#include "futex_common.h"

// Runs one timed wait; a relative timeout must have lasted min_ms on CLOCK_MONOTONIC, an
// absolute one must end at or after its deadline on its own clock.
static void timed(const char *label, int op, const struct timespec *ts, long min_ms, clockid_t abs_clock)
{
    volatile uint32_t *w = fx_shared_page();
    struct timespec t0, t1;
    clock_gettime(abs_clock >= 0 ? abs_clock : CLOCK_MONOTONIC, &t0);
    long r = fx(w, op, 0, ts, NULL, 0xffffffffu);
    int e = errno;
    clock_gettime(abs_clock >= 0 ? abs_clock : CLOCK_MONOTONIC, &t1);
    errno = e;
    if (abs_clock >= 0)
        say("%s: %s, ended after the deadline: %s\n", label, fx_res(r), fx_elapsed_ms(ts, &t1) >= 0 ? "yes" : "no");
    else
        say("%s: %s, waited at least %ld ms: %s\n", label, fx_res(r), min_ms, fx_elapsed_ms(&t0, &t1) >= min_ms ? "yes" : "no");
    munmap((void *)w, 4096);
}

int main(void)
{
    struct timespec rel = fx_rel_ms(100);
    timed("wait relative 100ms", FX_WAIT, &rel, 100, -1);
    timed("private wait relative 100ms", FX_WAIT | FX_PRIVATE, &rel, 100, -1);
    struct timespec mono = fx_abs_ms(CLOCK_MONOTONIC, 100);
    timed("wait_bitset absolute monotonic", FX_WAIT_BITSET, &mono, 0, CLOCK_MONOTONIC);
    struct timespec real = fx_abs_ms(CLOCK_REALTIME, 100);
    timed("wait_bitset absolute realtime", FX_WAIT_BITSET | FX_CLOCK_RT, &real, 0, CLOCK_REALTIME);
    struct timespec zero = {0, 0};
    timed("wait relative 0", FX_WAIT, &zero, 0, -1);
    timed("wait_bitset at monotonic 0", FX_WAIT_BITSET, &zero, 0, CLOCK_MONOTONIC);
    struct timespec past = fx_abs_ms(CLOCK_REALTIME, 0);
    past.tv_sec -= 10;
    timed("wait_bitset realtime in the past", FX_WAIT_BITSET | FX_CLOCK_RT, &past, 0, CLOCK_REALTIME);
    // A relative timeout given to an absolute command is taken as a (long past) monotonic time.
    timed("wait_bitset with a small absolute time", FX_WAIT_BITSET, &rel, 0, CLOCK_MONOTONIC);

    volatile uint32_t *w = fx_shared_page();
    say("FUTEX_WAIT with FUTEX_CLOCK_REALTIME: %s\n", fx_res(fx(w, FX_WAIT | FX_CLOCK_RT, 0, &rel, NULL, 0)));
    say("FUTEX_WAKE with FUTEX_CLOCK_REALTIME: %s\n", fx_res(fx(w, FX_WAKE | FX_CLOCK_RT, 1, NULL, NULL, 0)));
    struct timespec bad_ns = {0, 1000000000L}, neg = {-1, 0}, neg_ns = {0, -1};
    say("tv_nsec 1e9: %s\n", fx_res(fx(w, FX_WAIT, 0, &bad_ns, NULL, 0)));
    say("tv_sec -1: %s\n", fx_res(fx(w, FX_WAIT, 0, &neg, NULL, 0)));
    say("tv_nsec -1: %s\n", fx_res(fx(w, FX_WAIT, 0, &neg_ns, NULL, 0)));
    say("timeout at an unmapped address: %s\n", fx_res(fx(w, FX_WAIT, 0, (void *)16, NULL, 0)));
    // The timeout is checked before the word: a bad timeout wins over a value mismatch.
    say("bad timeout and wrong value: %s\n", fx_res(fx(w, FX_WAIT, 1, &bad_ns, NULL, 0)));
    say("wrong value with a timeout: %s\n", fx_res(fx(w, FX_WAIT, 1, &rel, NULL, 0)));
    // FUTEX_WAKE ignores the timeout argument (it is val2 there).
    say("wake with a bad timeout pointer: %s\n", fx_res(fx(w, FX_WAKE, 1, (void *)16, NULL, 0)));
    return 0;
}
