// SPDX-License-Identifier: MIT
// io_pgetevents: the temporary signal mask, EINTR from a handled signal, the __aio_sigset checks; and
// io_getevents interrupted by a signal.
#include "contract.h"
#include "aio_common.h"
#include <poll.h>

struct aio_sigset { const sigset_t *sigmask; size_t sigsetsize; };

static volatile int got;
static void on_usr1(int s) { (void)s; got++; }

static long pget(aio_context_t ctx, long min, long nr, struct io_event *ev, struct timespec *ts, struct aio_sigset *s)
{
    return syscall(SYS_io_pgetevents, ctx, min, nr, ev, ts, s);
}

int main(void)
{
    aio_context_t ctx = 0;
    RET(aio_setup(8, &ctx));
    struct io_event ev[2];
    struct timespec ts = {0, 20000000};
    sigset_t none;
    sigemptyset(&none);
    struct aio_sigset s = {&none, 8};
    RET(pget(ctx, 1, 1, ev, &ts, &s));
    RET(pget(ctx, 1, 1, ev, &ts, NULL));
    s.sigsetsize = 4;
    RET(pget(ctx, 1, 1, ev, &ts, &s));
    RET(pget(ctx, 1, 1, ev, &ts, (struct aio_sigset *)8));
    s.sigmask = (sigset_t *)8;
    s.sigsetsize = 8;
    RET(pget(ctx, 1, 1, ev, &ts, &s));
    RET(pget(0, 1, 1, ev, &ts, NULL));

    // A signal blocked outside the call but let through by its mask interrupts it.
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    kill(getpid(), SIGUSR1);
    s.sigmask = &none;
    RET(pget(ctx, 1, 1, ev, NULL, &s));
    say("handled: %d\n", got);
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    say("usr1 blocked again: %d\n", sigismember(&cur, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);

    // io_getevents: a handled signal from a child ends the wait with EINTR.
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    RET(aio_getevents(ctx, 1, 1, ev, NULL));
    say("handled: %d\n", got);
    say("child: %s\n", ct_wait(pid));
    RET(aio_destroy(ctx));
    return 0;
}
