// SPDX-License-Identifier: MIT
// sigprocmask: blocking defers delivery, sigpending reports it, SIGKILL/SIGSTOP cannot be blocked, bad "how".
#include "contract.h"
#include <sys/syscall.h>

static volatile int count;
static void h(int s) { (void)s; count++; }

int main(void)
{
    signal(SIGUSR1, h);
    sigset_t s, old, cur, pend;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGKILL);
    sigaddset(&s, SIGSTOP);
    RET(sigprocmask(SIG_BLOCK, &s, &old));
    sigprocmask(SIG_BLOCK, NULL, &cur);
    say("blocked USR1=%d KILL=%d STOP=%d\n", sigismember(&cur, SIGUSR1), sigismember(&cur, SIGKILL), sigismember(&cur, SIGSTOP));
    raise(SIGUSR1);
    raise(SIGUSR1);
    say("count while blocked: %d\n", count);
    sigpending(&pend);
    say("pending USR1: %d\n", sigismember(&pend, SIGUSR1));
    RET(sigprocmask(SIG_UNBLOCK, &s, NULL));
    say("count after unblock (standard signals coalesce): %d\n", count);
    sigpending(&pend);
    say("pending USR1: %d\n", sigismember(&pend, SIGUSR1));
    RET(sigprocmask(99, &s, NULL));
    RET(sigprocmask(SIG_SETMASK, &s, NULL));
    sigprocmask(SIG_BLOCK, NULL, &cur);
    say("setmask USR1=%d\n", sigismember(&cur, SIGUSR1));
    RET(sigprocmask(99, NULL, &cur));
    RET(syscall(14 /* rt_sigprocmask */, SIG_BLOCK, &s, NULL, 4));
    RET(syscall(14, SIG_BLOCK, (void *)8, NULL, 8));
    signal(SIGUSR1, SIG_IGN);
    sigpending(&pend);
    say("pending discarded when ignored: %d\n", !sigismember(&pend, SIGUSR1));
    return 0;
}
