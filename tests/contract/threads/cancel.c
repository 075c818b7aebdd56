// SPDX-License-Identifier: MIT
// pthread_cancel: deferred cancellation acts at cancellation points (a blocking read, sleep,
// pthread_testcancel), runs cleanup handlers, and the join reports PTHREAD_CANCELED; a thread
// with cancellation disabled finishes normally.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>

static int fds[2], started[2];
static volatile int cleanups;

static void cleanup(void *arg) { cleanups += (int)(long)arg; }

static void *reader(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)1);
    ct_sync_post(started);
    char c;
    read(fds[0], &c, 1);   // nobody writes: only cancellation ends this
    pthread_cleanup_pop(0);
    return (void *)1;
}

static void *sleeper(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)10);
    ct_sync_post(started);
    for (;;) sleep(100);
    pthread_cleanup_pop(0);
    return NULL;
}

static volatile int spin_go;
static void *spinner(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)100);
    ct_sync_post(started);
    while (!spin_go) {}
    pthread_testcancel();
    pthread_cleanup_pop(0);
    return (void *)2;
}

static void *immune(void *arg)
{
    (void)arg;
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    ct_sync_post(started);
    char c;
    read(fds[0], &c, 1);   // woken by the byte main writes
    return (void *)3;
}

static const char *result(void *r)
{
    static char buf[32];
    if (r == PTHREAD_CANCELED) return "PTHREAD_CANCELED";
    snprintf(buf, sizeof buf, "%ld", (long)r);
    return buf;
}

int main(void)
{
    glibc_needs_futex();
    pipe(fds);
    pipe(started);
    pthread_t t;
    void *r;

    pthread_create(&t, NULL, reader, NULL);
    ct_sync_wait(started);
    RET(pthread_cancel(t));
    pthread_join(t, &r);
    say("blocked read: %s, cleanups %d\n", result(r), cleanups);

    pthread_create(&t, NULL, sleeper, NULL);
    ct_sync_wait(started);
    pthread_cancel(t);
    pthread_join(t, &r);
    say("sleep: %s, cleanups %d\n", result(r), cleanups);

    pthread_create(&t, NULL, spinner, NULL);
    ct_sync_wait(started);
    pthread_cancel(t);
    spin_go = 1;
    pthread_join(t, &r);
    say("testcancel: %s, cleanups %d\n", result(r), cleanups);

    pthread_create(&t, NULL, immune, NULL);
    ct_sync_wait(started);
    pthread_cancel(t);
    write(fds[1], "x", 1);
    pthread_join(t, &r);
    say("cancel disabled: %s, cleanups %d\n", result(r), cleanups);
    return 0;
}
