// SPDX-License-Identifier: MIT
// Robust process-shared mutexes across fork: the owner dies holding the lock, the next locker
// gets EOWNERDEAD (whether it was already waiting or comes later), makes it consistent or
// leaves it ENOTRECOVERABLE; the same with PTHREAD_PRIO_INHERIT (the PI handoff on death).
#include "futex_common.h"
#include <pthread.h>

static void run(const char *label, int protocol)
{
    pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (protocol) pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    int r = pthread_mutex_init(m, &a);
    if (r) {
        say("%s: init %s\n", label, ct_errname(r));
        return;
    }
    int held[2], go[2];
    pipe(held);
    pipe(go);
    // Death with nobody waiting.
    pid_t p = fork();
    if (p == 0) {
        pthread_mutex_lock(m);
        _exit(0);
    }
    say("%s: owner %s\n", label, ct_wait(p));
    r = pthread_mutex_lock(m);
    say("%s: lock after death: %s\n", label, ct_errname(r));
    say("%s: consistent: %s\n", label, ct_errname(pthread_mutex_consistent(m)));
    say("%s: unlock: %s\n", label, ct_errname(pthread_mutex_unlock(m)));
    say("%s: relock: %s\n", label, ct_errname(pthread_mutex_lock(m)));
    pthread_mutex_unlock(m);

    // Death while we wait for it.
    p = fork();
    if (p == 0) {
        pthread_mutex_lock(m);
        ct_sync_post(held);
        ct_sync_wait(go);
        ct_wait_blocked(getppid());
        _exit(0);
    }
    ct_sync_wait(held);
    ct_sync_post(go);
    r = pthread_mutex_lock(m);   // the owner dies while we are queued
    say("%s: waiter after death: %s\n", label, ct_errname(r));
    say("%s: owner %s\n", label, ct_wait(p));
    // Unlocking without pthread_mutex_consistent makes the mutex unrecoverable.
    pthread_mutex_unlock(m);
    say("%s: lock after inconsistent unlock: %s\n", label, ct_errname(pthread_mutex_lock(m)));
    munmap(m, 4096);
}

int main(void)
{
    run("robust", 0);
    run("robust+PI", 1);
    return 0;
}
