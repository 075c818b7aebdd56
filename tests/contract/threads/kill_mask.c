// SPDX-License-Identifier: MIT
// pthread_kill and per-thread signal masks: a signal sent to one thread runs the handler in that
// thread; a thread that blocks it keeps it pending (visible to that thread only) until it unblocks.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

static volatile pid_t handled_by[4];
static volatile int handled_count;
static int ready[2], go_a[2], go_b[2], done[2];

static void handler(int sig)
{
    (void)sig;
    handled_by[handled_count++] = (pid_t)syscall(SYS_gettid);
}

static pid_t tid_a, tid_b;
static int pending_in_a, pending_in_main, inherited_block;

static void *thread_a(void *arg)   // blocks SIGUSR1
{
    (void)arg;
    sigset_t s, cur;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    inherited_block = sigismember(&cur, SIGUSR1);
    tid_a = (pid_t)syscall(SYS_gettid);
    ct_sync_post(ready);
    ct_sync_wait(go_a);
    sigset_t p;
    sigpending(&p);
    pending_in_a = sigismember(&p, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);   // the handler runs here, in this thread
    ct_sync_post(done);
    return NULL;
}

static void *thread_b(void *arg)   // does not block it
{
    (void)arg;
    tid_b = (pid_t)syscall(SYS_gettid);
    ct_sync_post(ready);
    ct_sync_wait(go_b);   // the signal interrupts or follows this read
    ct_sync_post(done);
    return NULL;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready); pipe(go_a); pipe(go_b); pipe(done);
    struct sigaction sa = {0};
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t s, old;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);   // a inherits the blocked mask
    pthread_t a, b;
    pthread_create(&a, NULL, thread_a, NULL);
    pthread_sigmask(SIG_UNBLOCK, &s, &old);   // b does not
    FACT("main had it blocked", sigismember(&old, SIGUSR1));
    pthread_create(&b, NULL, thread_b, NULL);
    pthread_sigmask(SIG_BLOCK, &s, NULL);   // main itself never takes it
    ct_sync_wait(ready);
    ct_sync_wait(ready);

    RET(pthread_kill(a, SIGUSR1));
    sigset_t p;
    sigpending(&p);
    pending_in_main = sigismember(&p, SIGUSR1);
    FACT("pending for a, not visible in main", !pending_in_main);
    say("handled before a unblocks: %d\n", handled_count);
    ct_sync_post(go_a);
    ct_sync_wait(done);
    FACT("a inherited the blocked mask", inherited_block);
    FACT("a saw it pending", pending_in_a);
    say("handled after a unblocks: %d, by a: %s\n", handled_count, handled_count == 1 && handled_by[0] == tid_a ? "yes" : "no");

    RET(pthread_kill(b, SIGUSR1));
    ct_sync_post(go_b);
    ct_sync_wait(done);
    say("handled: %d, second by b: %s\n", handled_count, handled_count == 2 && handled_by[1] == tid_b ? "yes" : "no");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    RET(pthread_kill(pthread_self(), 0));
    return 0;
}
