// SPDX-License-Identifier: MIT
// A process-directed signal (kill to the pid) is handled by exactly one thread, one that does
// not block it; blocked everywhere, it stays pending for the process until a thread unblocks.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

#define N 4
static volatile int hits[N + 1];
static volatile pid_t tids[N + 1];
static int ready[2], done[2];
static int gates[N][2];

static void handler(int sig)
{
    (void)sig;
    pid_t me = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i <= N; i++)
        if (tids[i] == me) hits[i]++;
}

static void *worker(void *arg)
{
    long i = (long)arg;
    tids[i] = (pid_t)syscall(SYS_gettid);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    // Created with it blocked (main's mask): only thread 2 unblocks and takes SIGUSR1.
    if (i == 2) pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    ct_sync_post(ready);
    char c;
    while (read(gates[i][0], &c, 1) == -1 && errno == EINTR) {}
    if (c == 'u') {   // round 3: unblock and take the pending one
        pthread_sigmask(SIG_UNBLOCK, &s, NULL);
        ct_sync_post(done);
        while (read(gates[i][0], &c, 1) == -1 && errno == EINTR) {}
    }
    return NULL;
}

static int total(void)
{
    int t = 0;
    for (int i = 0; i <= N; i++) t += hits[i];
    return t;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready);
    pipe(done);
    struct sigaction sa = {0};
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    tids[N] = (pid_t)syscall(SYS_gettid);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t t[N];
    for (long i = 0; i < N; i++) {
        pipe(gates[i]);
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < N; i++) ct_sync_wait(ready);

    // Round 1: only thread 2 does not block it.
    for (int k = 0; k < 5; k++) {
        kill(getpid(), SIGUSR1);
        while (total() < k + 1) sched_yield();
    }
    say("round 1: total %d, all by thread 2: %s\n", total(), hits[2] == 5 ? "yes" : "no");

    // Round 2: thread 2 exits; every thread left blocks it.
    write(gates[2][1], "x", 1);
    pthread_join(t[2], NULL);
    kill(getpid(), SIGUSR1);
    sigset_t p;
    sigpending(&p);
    FACT("round 2: pending for the process", sigismember(&p, SIGUSR1));
    say("round 2: total still %d\n", total());
    // Round 3: thread 1 unblocks and takes it.
    write(gates[1][1], "u", 1);
    ct_sync_wait(done);
    while (total() < 6) sched_yield();
    say("round 3: total %d, taken by thread 1: %d\n", total(), hits[1]);
    sigpending(&p);
    FACT("no longer pending", !sigismember(&p, SIGUSR1));
    write(gates[1][1], "x", 1);
    for (int i = 0; i < N; i++)
        if (i != 1 && i != 2) write(gates[i][1], "x", 1);
    for (int i = 0; i < N; i++)
        if (i != 2) pthread_join(t[i], NULL);
    say("main never handled it: %s\n", hits[N] == 0 ? "yes" : "no");
    return 0;
}
