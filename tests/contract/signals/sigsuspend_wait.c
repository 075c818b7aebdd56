// SPDX-License-Identifier: MIT
// sigsuspend returns EINTR after a handler; sigwaitinfo/sigtimedwait consume pending signals; timeouts EAGAIN.
#include "contract.h"

static volatile int hits;
static void h(int s) { (void)s; hits++; }

int main(void)
{
    signal(SIGUSR1, h);
    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid_t me = getpid();
    pid_t pid = fork();
    if (pid == 0) { ct_msleep(50); kill(me, SIGUSR1); _exit(0); }
    RET(sigsuspend(&empty));
    say("hits: %d\n", hits);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    say("mask restored: %d\n", sigismember(&cur, SIGUSR1));
    ct_wait(pid);
    kill(me, SIGUSR2);
    siginfo_t si;
    RET(sigwaitinfo(&block, &si));
    say("sigwaitinfo: %s code_user=%d\n", ct_signame(si.si_signo), si.si_code == SI_USER);
    struct timespec ts = {0, 50000000};
    RET(sigtimedwait(&block, &si, &ts));
    struct timespec zero = {0, 0};
    RET(sigtimedwait(&block, &si, &zero));
    struct timespec bad = {0, 2000000000};
    RET(sigtimedwait(&block, &si, &bad));
    kill(me, SIGUSR1);
    int sig = 0;
    RET(sigwait(&block, &sig) == 0 ? sig : -1);
    say("hits (handler not run for sigwait): %d\n", hits);
    return 0;
}
