// SPDX-License-Identifier: MIT
// Thread synchronisation over futexes: condition variables (signal, broadcast, timeouts on
// CLOCK_MONOTONIC and CLOCK_REALTIME), rwlocks, barriers and semaphores with sem_timedwait.
#include "futex_common.h"
#include <pthread.h>
#include <semaphore.h>

#define N 4

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static int go, awake;
static pthread_barrier_t bar;
static int serial;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static sem_t sem;

static void *cond_waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    while (!go) pthread_cond_wait(&cv, &m);
    awake++;
    pthread_mutex_unlock(&m);
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    pthread_rwlock_wrlock(&rw);
    go = 2;
    pthread_rwlock_unlock(&rw);
    return NULL;
}

static void *poster(void *arg)
{
    (void)arg;
    sem_post(&sem);
    return NULL;
}

int main(void)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &ca);
    pthread_barrier_init(&bar, NULL, N + 1);
    pthread_t t[N];
    int created = 0;
    for (int i = 0; i < N; i++) created += pthread_create(&t[i], NULL, cond_waiter, NULL) == 0;
    say("waiters: %d\n", created);
    pthread_mutex_lock(&m);
    struct timespec d = fx_abs_ms(CLOCK_MONOTONIC, 100);
    say("timedwait monotonic: %s\n", ct_errname(pthread_cond_timedwait(&cv, &m, &d)));
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < created; i++) pthread_join(t[i], NULL);
    say("broadcast woke: %d, serial threads: %d\n", awake, serial);

    pthread_cond_t rcv = PTHREAD_COND_INITIALIZER;   // CLOCK_REALTIME by default
    pthread_mutex_lock(&m);
    d = fx_abs_ms(CLOCK_REALTIME, 100);
    say("timedwait realtime: %s\n", ct_errname(pthread_cond_timedwait(&rcv, &m, &d)));
    pthread_mutex_unlock(&m);

    pthread_rwlock_rdlock(&rw);
    pthread_t w;
    pthread_create(&w, NULL, writer, NULL);
    say("trywrlock while read-held: %s\n", ct_errname(pthread_rwlock_trywrlock(&rw)));
    say("second rdlock: %s\n", ct_errname(pthread_rwlock_tryrdlock(&rw)));
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    pthread_join(w, NULL);
    say("writer ran after the readers: %d\n", go);

    sem_init(&sem, 0, 0);
    d = fx_abs_ms(CLOCK_REALTIME, 100);
    RET(sem_timedwait(&sem, &d));
    pthread_t p;
    pthread_create(&p, NULL, poster, NULL);
    RET(sem_wait(&sem));
    pthread_join(p, NULL);
    return 0;
}
