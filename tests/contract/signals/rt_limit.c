// SPDX-License-Identifier: MIT
// RLIMIT_SIGPENDING caps queued real-time signals: sigqueue fails with EAGAIN; all queued ones are delivered.
#include "contract.h"
#include <sys/resource.h>

static volatile int got;
static void h(int s) { (void)s; got++; }

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {5, 5};
        setrlimit(RLIMIT_SIGPENDING, &rl);
        setuid(1000);
        signal(SIGRTMIN, h);
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGRTMIN);
        sigprocmask(SIG_BLOCK, &s, NULL);
        int ok = 0, err = 0;
        for (int i = 0; i < 10; i++) {
            union sigval v = {.sival_int = i};
            if (sigqueue(getpid(), SIGRTMIN, v) == 0) ok++; else err = errno;
        }
        say("queued: %d then %s\n", ok, ct_errname(err));
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        say("delivered: %d\n", got);
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
