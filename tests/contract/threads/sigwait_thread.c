// SPDX-License-Identifier: MIT
// The classic signal-thread pattern: every thread blocks the signals and one dedicated thread
// takes them with sigwait/sigtimedwait, whichever thread or process sent them.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

static int acks[2];
static volatile pid_t waiter_tid;

static void *signal_thread(void *arg)
{
    sigset_t *set = arg;
    waiter_tid = (pid_t)syscall(SYS_gettid);
    for (int n = 0; n < 6; n++) {
        int sig = 0;
        if (sigwait(set, &sig) != 0) break;
        char c = (char)sig;
        write(acks[1], &c, 1);
    }
    // Then sigtimedwait: one with info, one that times out.
    siginfo_t info;
    struct timespec ts = {5, 0};
    int sig = sigtimedwait(set, &info, &ts);
    char buf[2] = {(char)sig, (char)(info.si_code == SI_USER)};
    write(acks[1], buf, 2);
    ts.tv_sec = 0;
    ts.tv_nsec = 20 * 1000 * 1000;
    errno = 0;
    int r = sigtimedwait(set, &info, &ts);
    char e = (char)(r == -1 ? errno : 0);
    write(acks[1], &e, 1);
    return NULL;
}

static void *sender(void *arg)
{
    (void)arg;
    kill(getpid(), SIGUSR2);   // process-directed, from another thread
    return NULL;
}

int main(void)
{
    glibc_needs_futex();
    pipe(acks);
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_t st, sn;
    pthread_create(&st, NULL, signal_thread, &set);
    char c;
    int sigs[] = {SIGUSR1, SIGHUP, SIGUSR2, SIGUSR1};
    for (int i = 0; i < 4; i++) {
        kill(getpid(), sigs[i]);
        ct_read_full(acks[0], &c, 1);
        say("sigwait got %s\n", ct_signame(c));
    }
    pthread_create(&sn, NULL, sender, NULL);
    pthread_join(sn, NULL);
    ct_read_full(acks[0], &c, 1);
    say("from another thread: %s\n", ct_signame(c));
    while (!waiter_tid) sched_yield();
    pthread_kill(st, SIGHUP);   // thread-directed, to the waiter
    ct_read_full(acks[0], &c, 1);
    say("pthread_kill to the waiter: %s\n", ct_signame(c));
    kill(getpid(), SIGUSR1);
    char two[2];
    ct_read_full(acks[0], two, 2);
    say("sigtimedwait: %s, SI_USER: %s\n", ct_signame(two[0]), two[1] ? "yes" : "no");
    ct_read_full(acks[0], &c, 1);
    say("sigtimedwait timeout: %s\n", ct_errname(c));
    pthread_join(st, NULL);
    sigset_t p;
    sigpending(&p);
    FACT("nothing left pending", !sigismember(&p, SIGUSR1) && !sigismember(&p, SIGUSR2) && !sigismember(&p, SIGHUP));
    return 0;
}
