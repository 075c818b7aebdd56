// SPDX-License-Identifier: MIT
// Thread-local storage: __thread variables are per thread (initialised from the image), and
// pthread_key values with destructors run at thread exit (not for NULL values).
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>

static __thread long counter = 42;
static __thread char name[16] = "initial";
static pthread_key_t key;
static int dtor_fds[2];

static void dtor(void *v)
{
    long x = (long)v;
    write(dtor_fds[1], &x, sizeof x);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    long start = counter;
    for (int i = 0; i < 1000; i++) counter++;
    snprintf(name, sizeof name, "thread%ld", id);
    if (id != 3) pthread_setspecific(key, (void *)(id * 10 + 1));   // thread 3 leaves it NULL
    long got = (long)pthread_getspecific(key);
    char buf[64];
    snprintf(buf, sizeof buf, "%ld:%ld:%ld:%s:%ld", id, start, counter, name, got);
    return strdup(buf);
}

int main(void)
{
    glibc_needs_futex();
    pipe(dtor_fds);
    RET(pthread_key_create(&key, dtor));
    pthread_setspecific(key, (void *)7L);
    counter = 1;
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        say("thread %s\n", (char *)r);
        free(r);
    }
    say("main: counter %ld name %s key %ld\n", counter, name, (long)pthread_getspecific(key));
    long sum = 0, n = 0, v;
    close(dtor_fds[1]);
    while (read(dtor_fds[0], &v, sizeof v) == sizeof v) {
        sum += v;
        n++;
    }
    say("destructors ran: %ld, values sum %ld\n", n, sum);
    RET(pthread_key_delete(key));
    return 0;
}
