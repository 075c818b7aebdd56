// SPDX-License-Identifier: MIT
// A handled signal ends poll, select, ppoll and pselect with EINTR even under SA_RESTART; ppoll/pselect's temporary
// mask admits a blocked pending signal and the caller's mask is back afterwards; when a descriptor is ready the
// signal stays pending (the mask is restored before delivery).
#include "contract.h"
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>

static volatile sig_atomic_t got;
static void handler(int s) { got = s; }

static void arm_timer(void)
{
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    int p[2];
    pipe(p);
    struct pollfd pf = {p[0], POLLIN, 0};

    arm_timer();
    RET(poll(&pf, 1, 5000));
    say("poll: handler saw %s\n", ct_signame(got));
    got = 0;
    arm_timer();
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    RET(select(p[0] + 1, &rs, NULL, NULL, NULL));
    say("select: handler saw %s\n", ct_signame(got));

    sigset_t block, empty, cur;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    got = 0;
    raise(SIGUSR1);
    say("blocked: handler saw %s\n", ct_signame(got));
    struct timespec ts = {5, 0};
    RET(ppoll(&pf, 1, &ts, &empty));
    say("ppoll: handler saw %s\n", ct_signame(got));
    sigprocmask(SIG_SETMASK, NULL, &cur);
    FACT("SIGUSR1 blocked again after ppoll", sigismember(&cur, SIGUSR1));

    write(p[1], "x", 1);
    got = 0;
    raise(SIGUSR1);
    RET(ppoll(&pf, 1, &ts, &empty));
    sigpending(&cur);
    say("ready ppoll: handler saw %s, still pending: %d\n", ct_signame(got), sigismember(&cur, SIGUSR1));

    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    RET(pselect(p[0] + 1, &rs, NULL, NULL, &ts, &empty));
    say("ready pselect: handler saw %s\n", ct_signame(got));
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    RET(pselect(p[0] + 1, &rs, NULL, NULL, &ts, &empty));
    say("pselect: handler saw %s\n", ct_signame(got));
    sigprocmask(SIG_SETMASK, NULL, &cur);
    FACT("SIGUSR1 blocked again after pselect", sigismember(&cur, SIGUSR1));

    // The kernel checks the sigset size and the timespec itself.
    RET(syscall(SYS_ppoll, &pf, 1, &ts, &empty, 4));
    struct timespec bad = {0, 1000000000};
    RET(syscall(SYS_ppoll, &pf, 1, &bad, NULL, 8));
    struct timespec neg = {-1, 0};
    RET(syscall(SYS_ppoll, &pf, 1, &neg, NULL, 8));
    return 0;
}
