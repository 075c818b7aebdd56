// SPDX-License-Identifier: MIT
// Detached threads (attribute and pthread_detach) run to completion on their own and report
// through a pipe; the process keeps going while they exit.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>

static int fds[2];

static void *worker(void *arg)
{
    char c = (char)(long)arg;
    write(fds[1], &c, 1);
    return NULL;
}

int main(void)
{
    glibc_needs_futex();
    pipe(fds);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    RET(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
    int state = -1;
    pthread_attr_getdetachstate(&attr, &state);
    FACT("attr detached", state == PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < 5; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, worker, (void *)('a' + i)) != 0) say("create failed\n");
    }
    for (long i = 0; i < 5; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, (void *)('A' + i));
        if (pthread_detach(t) != 0) say("detach failed\n");
    }
    char got[10];
    int seen = 0;
    for (int i = 0; i < 10; i++) {
        char c;
        if (ct_read_full(fds[0], &c, 1) == 1) got[seen++] = c;
    }
    int lower = 0, upper = 0;
    for (int i = 0; i < seen; i++) {
        if (got[i] >= 'a' && got[i] <= 'e') lower |= 1 << (got[i] - 'a');
        if (got[i] >= 'A' && got[i] <= 'E') upper |= 1 << (got[i] - 'A');
    }
    say("reports: %d, attr-detached all: %s, pthread_detach all: %s\n", seen, lower == 31 ? "yes" : "no",
        upper == 31 ? "yes" : "no");
    // Many short-lived detached threads: nothing accumulates.
    for (int round = 0; round < 50; round++) {
        pthread_t t;
        pthread_create(&t, &attr, worker, (void *)'z');
        char c;
        ct_read_full(fds[0], &c, 1);
    }
    say("50 more detached threads done\n");
    pthread_attr_destroy(&attr);
    return 0;
}
