// SPDX-License-Identifier: MIT
// fork: the child inherits mask and dispositions but not pending signals; alternate stack is inherited.
#include "contract.h"

static void h(int s) { (void)s; }

int main(void)
{
    signal(SIGUSR1, h);
    signal(SIGUSR2, SIG_IGN);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGHUP);
    sigprocmask(SIG_BLOCK, &s, NULL);
    raise(SIGHUP);
    static char alt[65536];
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt};
    sigaltstack(&ss, NULL);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t m, pend;
        sigprocmask(SIG_BLOCK, NULL, &m);
        sigpending(&pend);
        struct sigaction a, b;
        sigaction(SIGUSR1, NULL, &a);
        sigaction(SIGUSR2, NULL, &b);
        stack_t cur;
        sigaltstack(NULL, &cur);
        char r[5] = {sigismember(&m, SIGHUP) ? 'Y' : 'N', sigismember(&pend, SIGHUP) ? 'Y' : 'N',
                     a.sa_handler == h ? 'Y' : 'N', b.sa_handler == SIG_IGN ? 'Y' : 'N', cur.ss_sp == alt && cur.ss_flags == 0 ? 'Y' : 'N'};
        write(p[1], r, 5);
        _exit(0);
    }
    char r[6] = {0};
    ct_read_full(p[0], r, 5);
    say("child: mask %c, pending %c, handler %c, ignored %c, altstack %c\n", r[0], r[1], r[2], r[3], r[4]);
    ct_wait(pid);
    sigset_t pend;
    sigpending(&pend);
    say("parent still pending: %d\n", sigismember(&pend, SIGHUP));
    return 0;
}
