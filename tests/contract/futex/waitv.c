// SPDX-License-Identifier: MIT
// futex_waitv(2): wait on several words at once; returns the index of a woken one; a word
// that differs is EAGAIN; argument checks (flags, count, sizes, clocks) as Linux.
#include "futex_common.h"

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#define FX2_SIZE_U32 2

struct waitv {
    uint64_t val;
    uint64_t uaddr;
    uint32_t flags;
    uint32_t reserved;
};

static long waitv(struct waitv *v, unsigned n, unsigned flags, const struct timespec *ts, int clock)
{
    return syscall(SYS_futex_waitv, v, n, flags, ts, clock);
}

static void fill(struct waitv *v, volatile uint32_t *w, int n, int priv)
{
    for (int i = 0; i < n; i++)
        v[i] = (struct waitv){0, (uint64_t)(uintptr_t)(w + 16 * i), FX2_SIZE_U32 | (priv ? FX_PRIVATE : 0), 0};
}

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    struct waitv v[3];
    fill(v, w, 3, 0);
    pid_t pid = fork();
    if (pid == 0) {
        long r = waitv(v, 3, 0, NULL, 0);
        _exit(r >= 0 ? 10 + r : errno);
    }
    ct_wait_blocked(pid);
    say("wake word 2: %s\n", fx_res(fx(w + 32, FX_WAKE, 1, NULL, NULL, 0)));
    int st;
    waitpid(pid, &st, 0);
    say("child returned index: %d\n", WEXITSTATUS(st) - 10);

    w[16] = 1;
    say("second word differs: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    w[16] = 0;
    v[1].val = 1ull << 32;   // only the low 32 bits count
    struct timespec t = fx_abs_ms(CLOCK_MONOTONIC, 50);
    say("val with high bits, monotonic timeout: %s\n", fx_res(waitv(v, 3, 0, &t, CLOCK_MONOTONIC)));
    v[1].val = 0;
    t = fx_abs_ms(CLOCK_REALTIME, 50);
    say("realtime timeout: %s\n", fx_res(waitv(v, 3, 0, &t, CLOCK_REALTIME)));
    say("boottime clock: %s\n", fx_res(waitv(v, 3, 0, &t, CLOCK_BOOTTIME)));
    w[0] = 1;   // the clock is not looked at without a timeout
    say("bad clock without a timeout: %s\n", fx_res(waitv(v, 3, 0, NULL, CLOCK_BOOTTIME)));
    w[0] = 0;
    say("flags 1: %s\n", fx_res(waitv(v, 3, 1, NULL, 0)));
    say("count 0: %s\n", fx_res(waitv(v, 0, 0, NULL, 0)));
    say("count 129: %s\n", fx_res(waitv(v, 129, 0, NULL, 0)));
    say("NULL array: %s\n", fx_res(waitv(NULL, 1, 0, NULL, 0)));
    say("unmapped array: %s\n", fx_res(waitv((struct waitv *)16, 1, 0, NULL, 0)));
    fill(v, w, 3, 1);
    v[2].flags = FX_PRIVATE;   // no size
    say("no size flag: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    v[2].flags = FX2_SIZE_U32 | 0x1000;
    say("unknown flag: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    v[2].flags = FX2_SIZE_U32;
    v[2].reserved = 1;
    say("reserved set: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    v[2].reserved = 0;
    v[2].uaddr += 2;
    say("misaligned word: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    v[2].uaddr = 8;
    say("unmapped word: %s\n", fx_res(waitv(v, 3, 0, NULL, 0)));
    struct timespec bad = {0, 2000000000L};
    fill(v, w, 3, 1);
    say("bad timeout: %s\n", fx_res(waitv(v, 3, 0, &bad, CLOCK_MONOTONIC)));
    return 0;
}
