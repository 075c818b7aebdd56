// SPDX-License-Identifier: MIT
// Mutex types between threads: normal, recursive (counted), error-checking (EDEADLK, EPERM),
// trylock from another thread, robust with a thread that exits holding it, PI ownership.
#include "futex_common.h"
#include <pthread.h>

static pthread_mutex_t m;
static int result;

static void *try_other(void *arg) { (void)arg; result = pthread_mutex_trylock(&m); return NULL; }
static void *unlock_other(void *arg) { (void)arg; result = pthread_mutex_unlock(&m); return NULL; }
static void *lock_and_exit(void *arg) { (void)arg; result = pthread_mutex_lock(&m); return NULL; }

static int in_thread(void *(*fn)(void *))
{
    pthread_t t;
    if (pthread_create(&t, NULL, fn, NULL)) return -1;
    pthread_join(t, NULL);
    return result;
}

static void init(int type, int robust, int protocol)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, type);
    if (robust) pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (protocol) pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&m, &a);
}

int main(void)
{
    init(PTHREAD_MUTEX_RECURSIVE, 0, 0);
    say("recursive: %s %s %s\n", ct_errname(pthread_mutex_lock(&m)), ct_errname(pthread_mutex_lock(&m)),
        ct_errname(pthread_mutex_trylock(&m)));
    say("recursive, trylock by another thread: %s\n", ct_errname(in_thread(try_other)));
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
    say("recursive, still held after 2 of 3 unlocks: %s\n", ct_errname(in_thread(try_other)));
    pthread_mutex_unlock(&m);
    say("recursive, free: %s\n", ct_errname(in_thread(try_other)));

    init(PTHREAD_MUTEX_ERRORCHECK, 0, 0);
    pthread_mutex_lock(&m);
    say("errorcheck relock: %s\n", ct_errname(pthread_mutex_lock(&m)));
    say("errorcheck unlock by another thread: %s\n", ct_errname(in_thread(unlock_other)));
    pthread_mutex_unlock(&m);
    say("errorcheck unlock when free: %s\n", ct_errname(pthread_mutex_unlock(&m)));

    init(PTHREAD_MUTEX_NORMAL, 0, 0);
    pthread_mutex_lock(&m);
    say("normal, trylock by another thread: %s\n", ct_errname(in_thread(try_other)));
    pthread_mutex_unlock(&m);

    for (int pi = 0; pi < 2; pi++) {
        init(PTHREAD_MUTEX_NORMAL, 1, pi);
        const char *label = pi ? "robust PI" : "robust";
        say("%s: thread exits holding it: %s\n", label, ct_errname(in_thread(lock_and_exit)));
        say("%s: lock: %s\n", label, ct_errname(pthread_mutex_lock(&m)));
        say("%s: consistent: %s\n", label, ct_errname(pthread_mutex_consistent(&m)));
        pthread_mutex_unlock(&m);
        say("%s: lock again: %s\n", label, ct_errname(pthread_mutex_lock(&m)));
        pthread_mutex_unlock(&m);
    }

    init(PTHREAD_MUTEX_ERRORCHECK, 0, 1);
    pthread_mutex_lock(&m);
    say("PI errorcheck relock: %s\n", ct_errname(pthread_mutex_lock(&m)));
    say("PI trylock by another thread: %s\n", ct_errname(in_thread(try_other)));
    say("PI unlock by another thread: %s\n", ct_errname(in_thread(unlock_other)));
    pthread_mutex_unlock(&m);
    return 0;
}
