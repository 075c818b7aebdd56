// SPDX-License-Identifier: MIT
// execve resets caught signals to default, keeps ignored ones, the signal mask and pending signals.
#include "contract.h"

static void h(int s) { (void)s; }

int main(int argc, char **argv)
{
    if (argc > 1) {
        struct sigaction sa;
        int sigs[] = {SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD};
        for (int i = 0; i < 4; i++) {
            sigaction(sigs[i], NULL, &sa);
            say("%s: %s\n", ct_signame(sigs[i]), sa.sa_handler == SIG_DFL ? "default" : sa.sa_handler == SIG_IGN ? "ignored" : "handler");
        }
        sigset_t m, p;
        sigprocmask(SIG_BLOCK, NULL, &m);
        sigpending(&p);
        say("mask has SIGHUP: %d SIGUSR2: %d\n", sigismember(&m, SIGHUP), sigismember(&m, SIGUSR2));
        say("pending SIGHUP: %d\n", sigismember(&p, SIGHUP));
        _exit(0);
    }
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGUSR1, h);
        signal(SIGUSR2, SIG_IGN);
        signal(SIGCHLD, SIG_IGN);
        signal(SIGTERM, h);
        sigset_t m;
        sigemptyset(&m);
        sigaddset(&m, SIGHUP);
        sigprocmask(SIG_BLOCK, &m, NULL);
        raise(SIGHUP);
        ct_exec_self("child", NULL);
        _exit(99);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
