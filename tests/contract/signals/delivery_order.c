// SPDX-License-Identifier: MIT
// Several pending signals: delivered lowest number first when unblocked; a handler's own raise is nested.
#include "contract.h"

static char seq[128];
static void h(int s)
{
    char b[16];
    snprintf(b, sizeof b, "%d,", s);
    strcat(seq, b);
    if (s == SIGUSR2) raise(SIGHUP);
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = h;
    int sigs[] = {SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGTERM, SIGWINCH};
    for (int i = 0; i < 6; i++) sigaction(sigs[i], &sa, NULL);
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    raise(SIGWINCH);
    raise(SIGTERM);
    raise(SIGUSR1);
    raise(SIGINT);
    sigprocmask(SIG_SETMASK, &old, NULL);
    say("order (empty sa_mask, frames stack up): %s\n", seq);
    seq[0] = 0;
    sigfillset(&sa.sa_mask);
    for (int i = 0; i < 6; i++) sigaction(sigs[i], &sa, NULL);
    sigprocmask(SIG_BLOCK, &all, &old);
    raise(SIGWINCH);
    raise(SIGTERM);
    raise(SIGUSR1);
    raise(SIGINT);
    sigprocmask(SIG_SETMASK, &old, NULL);
    say("order (full sa_mask): %s\n", seq);
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 6; i++) sigaction(sigs[i], &sa, NULL);
    seq[0] = 0;
    raise(SIGUSR2);
    say("nested: %s\n", seq);
    return 0;
}
