// SPDX-License-Identifier: MIT
// Real-time signals queue every instance with its value, in order; standard ones coalesce; lowest signal first.
#include "contract.h"

static int order[64], n;
static int values[64];
static void h(int s, siginfo_t *si, void *uc) { (void)uc; values[n] = si->si_value.sival_int; order[n++] = s; }

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    int sigs[] = {SIGUSR1, SIGUSR2, SIGTERM, SIGHUP, SIGRTMIN, SIGRTMIN + 1, SIGRTMAX};
    for (int i = 0; i < 7; i++) sigaction(sigs[i], &sa, NULL);
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    union sigval v;
    for (int i = 0; i < 3; i++) { v.sival_int = 100 + i; sigqueue(getpid(), SIGRTMIN + 1, v); }
    for (int i = 0; i < 3; i++) { v.sival_int = 200 + i; sigqueue(getpid(), SIGRTMIN, v); }
    v.sival_int = 300;
    sigqueue(getpid(), SIGRTMAX, v);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGTERM);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGHUP);
    sigprocmask(SIG_UNBLOCK, &all, NULL);
    say("delivered: %d\n", n);
    for (int i = 0; i < n; i++) {
        int s = order[i];
        if (s >= SIGRTMIN) say("  SIGRTMIN+%d value %d\n", s - SIGRTMIN, values[i]);
        else say("  %s\n", ct_signame(s));
    }
    return 0;
}
