// SPDX-License-Identifier: MIT
// sigaction: handler runs with the signal and sa_mask blocked, old action returned, SA_RESETHAND, SA_NODEFER.
#include "contract.h"
#include <sys/syscall.h>

static volatile int depth, maxdepth, calls;
static volatile int usr2_blocked_inside, self_blocked_inside;
static void h(int s)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr2_blocked_inside = sigismember(&cur, SIGUSR2);
    self_blocked_inside = sigismember(&cur, s);
    calls++;
    depth++;
    if (depth > maxdepth) maxdepth = depth;
    if (calls < 3) raise(s);
    depth--;
}

int main(void)
{
    struct sigaction sa = {0}, old;
    sa.sa_handler = h;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    RET(sigaction(SIGUSR1, &sa, &old));
    say("old was default: %d\n", old.sa_handler == SIG_DFL);
    raise(SIGUSR1);
    say("calls=%d maxdepth=%d usr2 blocked=%d self blocked=%d\n", calls, maxdepth, usr2_blocked_inside, self_blocked_inside);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    say("mask restored: %d\n", !sigismember(&cur, SIGUSR2) && !sigismember(&cur, SIGUSR1));
    calls = depth = maxdepth = 0;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    say("nodefer: calls=%d maxdepth=%d self blocked=%d\n", calls, maxdepth, self_blocked_inside);
    calls = 2;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    say("resethand: now default %d\n", old.sa_handler == SIG_DFL);
    RET(sigaction(SIGKILL, &sa, NULL));
    RET(sigaction(SIGSTOP, &sa, NULL));
    RET(sigaction(0, &sa, NULL));
    RET(sigaction(65, &sa, NULL));
    RET(sigaction(SIGKILL, NULL, &old));
    RET(syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8));
    RET(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4));
    return 0;
}
