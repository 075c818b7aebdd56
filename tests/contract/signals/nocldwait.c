// SPDX-License-Identifier: MIT
// SA_NOCLDWAIT: children are reaped automatically, wait() blocks until all exit then fails with ECHILD.
#include "contract.h"

static volatile int chld;
static void h(int s) { (void)s; chld++; }

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = h;
    sa.sa_flags = SA_NOCLDWAIT;
    sigaction(SIGCHLD, &sa, NULL);
    for (int i = 0; i < 3; i++) if (fork() == 0) { ct_msleep(30 * (i + 1)); _exit(i); }
    int st;
    pid_t r;
    do r = wait(&st); while (r == -1 && errno == EINTR);
    say("wait: %s\n", r == -1 ? ct_errname(errno) : "reaped a child");
    say("SIGCHLD still delivered: %d\n", chld > 0);
    signal(SIGCHLD, SIG_DFL);
    pid_t pid = fork();
    if (pid == 0) _exit(5);
    say("after reset: %s\n", ct_wait(pid));
    return 0;
}
