// SPDX-License-Identifier: MIT
// A thread storm: 200 threads created and joined in waves of 25, each doing a little work and
// a few system calls; every result arrives and nothing is lost between waves.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

#define TOTAL 200
#define WAVE 25

static void *work(void *arg)
{
    long n = (long)arg;
    long acc = 0;
    for (long i = 1; i <= n; i++) acc += i;   // n(n+1)/2
    if (syscall(SYS_gettid) == getpid()) acc = -1;
    sched_yield();
    return (void *)acc;
}

int main(void)
{
    glibc_needs_futex();
    long sum = 0, created = 0, joined = 0, bad = 0;
    for (int w = 0; w < TOTAL / WAVE; w++) {
        pthread_t t[WAVE];
        for (int i = 0; i < WAVE; i++) {
            long n = w * WAVE + i;
            if (pthread_create(&t[i], NULL, work, (void *)n) == 0) created++;
        }
        for (int i = 0; i < WAVE; i++) {
            void *r;
            if (pthread_join(t[i], &r) == 0) {
                joined++;
                if ((long)r < 0) bad++;
                else sum += (long)r;
            }
        }
    }
    long expect = 0;
    for (long n = 0; n < TOTAL; n++) expect += n * (n + 1) / 2;
    say("created %ld, joined %ld, bad %ld, sum right: %s\n", created, joined, bad, sum == expect ? "yes" : "no");
    // Joined threads may still be leaving the kernel for a moment: poll for the count.
    char buf[4096];
    char *t = NULL;
    for (int i = 0; i < 200; i++) {
        ct_read_file("/proc/self/status", buf, sizeof buf);
        t = strstr(buf, "Threads:");
        if (t && atoi(t + 9) == 1) break;
        ct_msleep(10);
    }
    say("%.*s\n", t ? (int)strcspn(t, "\n") : 0, t ? t : "");
    return 0;
}
