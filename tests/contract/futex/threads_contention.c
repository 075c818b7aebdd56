// SPDX-License-Identifier: MIT
// 8 threads x 100,000 increments under one mutex give the exact total; the same (x 10,000, as
// every contended round trip enters the kernel) with a PTHREAD_PRIO_INHERIT mutex.
#include "futex_common.h"
#include <pthread.h>

#define THREADS 8
#define ROUNDS 100000

static pthread_mutex_t m;
static long counter;
static int rounds;

static void *work(void *arg)
{
    (void)arg;
    for (int i = 0; i < rounds; i++) {
        pthread_mutex_lock(&m);
        counter++;
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void run(const char *label, int protocol, int n)
{
    rounds = n;
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    if (protocol) pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&m, &a);
    counter = 0;
    pthread_t t[THREADS];
    int created = 0;
    for (int i = 0; i < THREADS; i++) created += pthread_create(&t[i], NULL, work, NULL) == 0;
    for (int i = 0; i < created; i++) pthread_join(t[i], NULL);
    say("%s: threads %d, counter %ld (expected %d)\n", label, created, counter, THREADS * n);
}

int main(void)
{
    run("normal", 0, ROUNDS);
    run("priority-inheritance", 1, ROUNDS / 10);
    return 0;
}
