// SPDX-License-Identifier: MIT
// Raw futex(2) for the futex contract tests: the UAPI constants (musl-gcc has no <linux/*.h>),
// a syscall wrapper and a MAP_SHARED page that fork children share.
#ifndef FUTEX_COMMON_H
#define FUTEX_COMMON_H
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#define FX_WAIT 0
#define FX_WAKE 1
#define FX_REQUEUE 3
#define FX_CMP_REQUEUE 4
#define FX_WAKE_OP 5
#define FX_LOCK_PI 6
#define FX_UNLOCK_PI 7
#define FX_TRYLOCK_PI 8
#define FX_WAIT_BITSET 9
#define FX_WAKE_BITSET 10
#define FX_WAIT_REQUEUE_PI 11
#define FX_CMP_REQUEUE_PI 12
#define FX_LOCK_PI2 13
#define FX_PRIVATE 128
#define FX_CLOCK_RT 256
#define FX_WAITERS 0x80000000u
#define FX_OWNER_DIED 0x40000000u
#define FX_TID_MASK 0x3fffffffu
#define FX_OP(op, oparg, cmp, cmparg) \
    ((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static inline long fx(volatile uint32_t *uaddr, int op, uint32_t val, const void *ts_or_val2,
                      volatile uint32_t *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts_or_val2, uaddr2, val3);
}

// Result of a futex call as a word: the value, or the errno name.
static inline const char *fx_res(long r)
{
    static char buf[8][32];
    static int slot;
    char *b = buf[slot++ % 8];
    if (r == -1) snprintf(b, 32, "%s", ct_errname(errno));
    else snprintf(b, 32, "%ld", r);
    return b;
}

static inline volatile uint32_t *fx_shared_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    return p;
}

static inline struct timespec fx_rel_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    return ts;
}

// Absolute time ms from now on clock.
static inline struct timespec fx_abs_ms(clockid_t clock, long ms)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ts.tv_nsec += (ms % 1000) * 1000000L;
    ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    return ts;
}

static inline long fx_elapsed_ms(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

// A child that waits on word (expecting val) with op and reports the result as its exit
// status: 0 woken, else the errno.
static inline pid_t fx_child_wait(volatile uint32_t *word, int op, uint32_t val, const struct timespec *ts, uint32_t val3)
{
    pid_t pid = fork();
    if (pid == 0) {
        long r = fx(word, op, val, ts, NULL, val3);
        _exit(r == 0 ? 0 : errno);
    }
    return pid;
}

// Exit status of a child from fx_child_wait as "woken" or the errno name.
static inline const char *fx_child_result(pid_t pid)
{
    int st;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st)) return ct_status(st);
    return WEXITSTATUS(st) == 0 ? "woken" : ct_errname(WEXITSTATUS(st));
}
#endif
