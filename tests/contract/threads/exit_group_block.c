// SPDX-License-Identifier: MIT
// Ending a multi-threaded process: exit (exit_group) from main or a thread, a fatal signal sent
// to one thread, and SIGKILL, while the other threads are blocked in the kernel or running.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

static int fds[2], ready[2], toparent[2];

static void *in_read(void *arg) { (void)arg; ct_sync_post(ready); char c; read(fds[0], &c, 1); return NULL; }
static void *in_sleep(void *arg) { (void)arg; ct_sync_post(ready); sleep(1000); return NULL; }
static void *in_sigwait(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    ct_sync_post(ready);
    int sig;
    sigwait(&s, &sig);
    return NULL;
}
static void *in_pause(void *arg) { (void)arg; ct_sync_post(ready); pause(); return NULL; }
static void *spinning(void *arg) { (void)arg; ct_sync_post(ready); for (;;) {} return NULL; }

static pthread_t start_all(void)
{
    void *(*fns[])(void *) = {in_read, in_sleep, in_sigwait, in_pause, spinning};
    pthread_t t = 0;
    for (int i = 0; i < 5; i++) pthread_create(&t, NULL, fns[i], NULL);
    for (int i = 0; i < 5; i++) ct_sync_wait(ready);
    return t;
}

static void *exits_process(void *arg)
{
    exit((int)(long)arg);
}

static void *raises_term(void *arg)
{
    (void)arg;
    pthread_kill(pthread_self(), SIGTERM);
    for (;;) pause();
    return NULL;
}

static pid_t child(int mode)
{
    pid_t pid = fork();
    if (pid != 0) return pid;
    start_all();
    pthread_t t;
    switch (mode) {
    case 0: exit(7);                       // main calls exit_group
    case 1:                                // a thread calls exit while main waits in join
        pthread_create(&t, NULL, exits_process, (void *)9);
        pthread_join(t, NULL);
        break;
    case 2:                                // a thread gets a fatal signal
        pthread_create(&t, NULL, raises_term, NULL);
        pthread_join(t, NULL);
        break;
    case 3:                                // killed from outside
        ct_sync_post(toparent);
        for (;;) pause();
    case 4:                                // the leader _exits the group with syscall exit_group
        syscall(SYS_exit_group, 4);
    }
    _exit(99);
}

int main(void)
{
    glibc_needs_futex();
    pipe(fds);
    pipe(ready);
    pipe(toparent);
    say("main exits: %s\n", ct_wait(child(0)));
    say("thread exits: %s\n", ct_wait(child(1)));
    say("thread fatal signal: %s\n", ct_wait(child(2)));
    pid_t p = child(3);
    ct_sync_wait(toparent);
    kill(p, SIGKILL);
    say("SIGKILL: %s\n", ct_wait(p));
    say("exit_group: %s\n", ct_wait(child(4)));
    p = child(3);
    ct_sync_wait(toparent);
    kill(p, SIGTERM);
    say("SIGTERM to the process: %s\n", ct_wait(p));
    return 0;
}
