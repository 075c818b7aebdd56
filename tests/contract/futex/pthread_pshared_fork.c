// SPDX-License-Identifier: MIT
// Process-shared pthread objects in MAP_SHARED memory across fork: a normal mutex under
// contention (exact total), an error-checking one, a barrier with exactly one serial process,
// an rwlock, and a condition variable with CLOCK_MONOTONIC and CLOCK_REALTIME timeouts.
#include "futex_common.h"
#include <pthread.h>

#define PROCS 4
#define ROUNDS 20000

struct shared {
    pthread_mutex_t m, em;
    pthread_barrier_t bar;
    pthread_rwlock_t rw;
    pthread_cond_t cv_mono, cv_real;
    long counter;
    int serial;
    int ready;
};

static void init(struct shared *s)
{
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&s->m, &ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&s->em, &ma);
    pthread_barrierattr_t ba;
    pthread_barrierattr_init(&ba);
    pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED);
    pthread_barrier_init(&s->bar, &ba, PROCS);
    pthread_rwlockattr_t ra;
    pthread_rwlockattr_init(&ra);
    pthread_rwlockattr_setpshared(&ra, PTHREAD_PROCESS_SHARED);
    pthread_rwlock_init(&s->rw, &ra);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->cv_mono, &ca);
    pthread_condattr_setclock(&ca, CLOCK_REALTIME);
    pthread_cond_init(&s->cv_real, &ca);
}

int main(void)
{
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    init(s);
    pid_t kids[PROCS];
    for (int i = 0; i < PROCS; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            int r = pthread_barrier_wait(&s->bar);
            if (r == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_fetch_add(&s->serial, 1, __ATOMIC_SEQ_CST);
            for (int k = 0; k < ROUNDS; k++) {
                pthread_mutex_lock(&s->m);
                long v = s->counter;
                if ((k & 1023) == 0) sched_yield();   // hold the lock across a switch now and then
                s->counter = v + 1;
                pthread_mutex_unlock(&s->m);
            }
            _exit(0);
        }
    }
    int ok = 1;
    for (int i = 0; i < PROCS; i++) ok &= strcmp(ct_wait(kids[i]), "exit 0") == 0;
    say("children: %s\n", ok ? "all exit 0" : "failed");
    say("counter: %ld (expected %d)\n", s->counter, PROCS * ROUNDS);
    say("serial processes: %d\n", s->serial);

    // Error-checking mutex: relock and foreign unlock.
    say("errorcheck lock: %s\n", ct_errname(pthread_mutex_lock(&s->em)));
    say("errorcheck relock: %s\n", ct_errname(pthread_mutex_lock(&s->em)));
    pid_t p = fork();
    if (p == 0) _exit(pthread_mutex_unlock(&s->em));
    int st;
    waitpid(p, &st, 0);
    say("unlock by another process: %s\n", ct_errname(WEXITSTATUS(st)));
    p = fork();
    if (p == 0) _exit(pthread_mutex_trylock(&s->em));
    waitpid(p, &st, 0);
    say("trylock from another process: %s\n", ct_errname(WEXITSTATUS(st)));
    pthread_mutex_unlock(&s->em);

    // rwlock: readers share, a writer waits for them.
    say("rdlock: %s\n", ct_errname(pthread_rwlock_rdlock(&s->rw)));
    p = fork();
    if (p == 0) {
        int a = pthread_rwlock_tryrdlock(&s->rw);
        if (a == 0) pthread_rwlock_unlock(&s->rw);
        int b = pthread_rwlock_trywrlock(&s->rw);
        _exit(a * 16 + (b == EBUSY ? 1 : 2));
    }
    waitpid(p, &st, 0);
    say("other process: tryrdlock %s, trywrlock busy %s\n", WEXITSTATUS(st) / 16 == 0 ? "ok" : "failed",
        WEXITSTATUS(st) % 16 == 1 ? "yes" : "no");
    p = fork();
    if (p == 0) {
        pthread_rwlock_wrlock(&s->rw);   // blocks until the parent's read lock goes
        s->ready = 1;
        pthread_rwlock_unlock(&s->rw);
        _exit(0);
    }
    ct_wait_blocked(p);
    say("writer waits while read-held: %s\n", s->ready == 0 ? "yes" : "no");
    pthread_rwlock_unlock(&s->rw);
    const char *how = ct_wait(p);
    say("writer: %s, ran: %d\n", how, s->ready);

    // Condition variables: a timeout on each clock, then a signal across processes.
    pthread_mutex_lock(&s->m);
    struct timespec t = fx_abs_ms(CLOCK_MONOTONIC, 100);
    say("cond timedwait monotonic: %s\n", ct_errname(pthread_cond_timedwait(&s->cv_mono, &s->m, &t)));
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    say("monotonic deadline passed: %s\n", fx_elapsed_ms(&t, &now) >= 0 ? "yes" : "no");
    t = fx_abs_ms(CLOCK_REALTIME, 100);
    say("cond timedwait realtime: %s\n", ct_errname(pthread_cond_timedwait(&s->cv_real, &s->m, &t)));
    clock_gettime(CLOCK_REALTIME, &now);
    say("realtime deadline passed: %s\n", fx_elapsed_ms(&t, &now) >= 0 ? "yes" : "no");
    s->ready = 0;
    p = fork();
    if (p == 0) {
        pthread_mutex_lock(&s->m);
        s->ready = 1;
        pthread_cond_signal(&s->cv_mono);
        pthread_mutex_unlock(&s->m);
        _exit(0);
    }
    int rc = 0;
    t = fx_abs_ms(CLOCK_MONOTONIC, 10000);
    while (!s->ready && rc == 0) rc = pthread_cond_timedwait(&s->cv_mono, &s->m, &t);
    say("signalled across processes: %s ready=%d\n", ct_errname(rc), s->ready);
    pthread_mutex_unlock(&s->m);
    say("signaller: %s\n", ct_wait(p));
    return 0;
}
