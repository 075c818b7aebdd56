// SPDX-License-Identifier: MIT
// pthread_create/pthread_join: return values, arguments, pthread_exit's value, self-join.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>

static void *square(void *arg)
{
    long v = (long)arg;
    return (void *)(v * v);
}

static void *exits_early(void *arg)
{
    pthread_exit((void *)((long)arg + 100));
    return NULL;
}

static void *shared_counter(void *arg)
{
    volatile long *slot = arg;
    for (int i = 0; i < 1000; i++) (*slot)++;   // each thread has its own slot: no race
    return (void *)*slot;
}

int main(void)
{
    glibc_needs_futex();
    pthread_t t[8];
    for (long i = 0; i < 8; i++) RET(pthread_create(&t[i], NULL, square, (void *)i));
    long sum = 0;
    for (int i = 0; i < 8; i++) {
        void *ret;
        if (pthread_join(t[i], &ret) == 0) sum += (long)ret;
    }
    say("sum of squares 0..7: %ld\n", sum);

    pthread_t e;
    void *ret = NULL;
    pthread_create(&e, NULL, exits_early, (void *)5);
    RET(pthread_join(e, &ret));
    say("pthread_exit value: %ld\n", (long)ret);

    long slots[4] = {0};
    pthread_t c[4];
    for (int i = 0; i < 4; i++) pthread_create(&c[i], NULL, shared_counter, &slots[i]);
    long total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(c[i], &ret);
        total += (long)ret;
    }
    say("memory shared, results: %ld %ld\n", total, slots[0] + slots[1] + slots[2] + slots[3]);

    FACT("pthread_equal(self, self)", pthread_equal(pthread_self(), pthread_self()));
    return 0;
}
