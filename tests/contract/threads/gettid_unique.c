// SPDX-License-Identifier: MIT
// Thread ids: the main thread's tid is the pid, threads alive at the same time have distinct
// tids, and getpid/getppid are the same in all of them.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

#define N 16
static pid_t tids[N], pids[N], ppids[N];
static int ready[2], gate[2];

static void *record(void *arg)
{
    long i = (long)arg;
    tids[i] = (pid_t)syscall(SYS_gettid);
    pids[i] = getpid();
    ppids[i] = getppid();
    ct_sync_post(ready);
    char c;
    read(gate[0], &c, 1);   // stay alive until main has seen every thread
    return NULL;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready);
    pipe(gate);
    pid_t me = getpid();
    FACT("main tid == pid", syscall(SYS_gettid) == me);
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, record, (void *)i);
    for (int i = 0; i < N; i++) ct_sync_wait(ready);
    close(gate[1]);   // every reader sees EOF
    // Join once they are gone from /proc (the joins then never sleep).
    for (int i = 0; i < 500; i++) {
        char buf[4096];
        ct_read_file("/proc/self/status", buf, sizeof buf);
        char *th = strstr(buf, "Threads:");
        if (th && atoi(th + 9) == 1) break;
        ct_msleep(10);
    }
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    int same_pid = 1, same_ppid = 1, distinct = 1, not_pid = 1, positive = 1;
    for (int i = 0; i < N; i++) {
        if (pids[i] != me) same_pid = 0;
        if (ppids[i] != getppid()) same_ppid = 0;
        if (tids[i] == me) not_pid = 0;
        if (tids[i] <= 0) positive = 0;
        for (int j = 0; j < i; j++)
            if (tids[i] == tids[j]) distinct = 0;
    }
    FACT("getpid same in every thread", same_pid);
    FACT("getppid same in every thread", same_ppid);
    FACT("thread tids positive", positive);
    FACT("thread tids differ from the pid", not_pid);
    FACT("concurrent threads have distinct tids", distinct);
    // A tid names a thread for tgkill, and only within its own group.
    RET(syscall(SYS_tgkill, me, me, 0));
    RET(syscall(SYS_tgkill, me, tids[0] + 100000, 0));
    RET(syscall(SYS_tgkill, me, 0, 0));
    return 0;
}
