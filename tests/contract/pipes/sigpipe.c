// SPDX-License-Identifier: MIT
// Writing to a pipe with no readers: SIGPIPE kills by default, EPIPE when ignored/blocked/handled.
#include "contract.h"

static volatile int got;
static void on_pipe(int s) { got = s; }

int main(void)
{
    int p[2];
    pipe(p);
    close(p[0]);
    pid_t pid = fork();
    if (pid == 0) { write(p[1], "x", 1); _exit(0); }
    say("default: %s\n", ct_wait(pid));
    signal(SIGPIPE, SIG_IGN);
    RET(write(p[1], "x", 1));
    signal(SIGPIPE, on_pipe);
    RET(write(p[1], "x", 1));
    say("handler got: %s\n", ct_signame(got));
    signal(SIGPIPE, SIG_DFL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGPIPE);
    sigprocmask(SIG_BLOCK, &s, NULL);
    RET(write(p[1], "x", 1));
    sigset_t pend;
    sigpending(&pend);
    FACT("SIGPIPE pending", sigismember(&pend, SIGPIPE));
    int sig;
    sigwait(&s, &sig);
    say("sigwait: %s\n", ct_signame(sig));
    int q[2];
    pipe(q);
    int r = dup(q[0]);
    close(q[0]);
    RET(write(q[1], "y", 1));
    close(r);
    signal(SIGPIPE, SIG_IGN);
    RET(write(q[1], "y", 1));
    return 0;
}
