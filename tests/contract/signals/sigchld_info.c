// SPDX-License-Identifier: MIT
// SIGCHLD: delivered with CLD_* codes on exit, kill, stop and continue; SA_NOCLDSTOP; SIG_IGN auto-reaps.
#include "contract.h"

static int codes[16], n;
static void h(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; if (n < 16) codes[n++] = si->si_code; }
static const char *cname(int c)
{
    return c == CLD_EXITED ? "CLD_EXITED" : c == CLD_KILLED ? "CLD_KILLED" : c == CLD_STOPPED ? "CLD_STOPPED" :
           c == CLD_CONTINUED ? "CLD_CONTINUED" : c == CLD_DUMPED ? "CLD_DUMPED" : "other";
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    int hold[2];
    pipe(hold);
    pid_t pid = fork();
    // The child exits only when told: SIGCHLD does not queue, so a quick exit could merge with CLD_CONTINUED.
    if (pid == 0) { raise(SIGSTOP); ct_sync_wait(hold); _exit(0); }
    int st;
    waitpid(pid, &st, WUNTRACED);
    ct_msleep(20);
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    ct_msleep(20);
    ct_sync_post(hold);
    waitpid(pid, &st, 0);
    ct_msleep(20);
    for (int i = 0; i < n; i++) say("sigchld %d: %s\n", i, cname(codes[i]));
    n = 0;
    sa.sa_flags |= SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    pid = fork();
    if (pid == 0) { raise(SIGSTOP); _exit(0); }
    waitpid(pid, &st, WUNTRACED);
    ct_msleep(20);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    ct_msleep(20);
    for (int i = 0; i < n; i++) say("nocldstop %d: %s\n", i, cname(codes[i]));
    signal(SIGCHLD, SIG_IGN);
    pid = fork();
    if (pid == 0) _exit(0);
    int r = waitpid(pid, &st, 0);
    say("SIG_IGN wait: %s\n", r == -1 ? ct_errname(errno) : "reaped normally");
    (void)old;
    return 0;
}
