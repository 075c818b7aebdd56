// SPDX-License-Identifier: MIT
// Timeouts (0 returns at once, N waits about N ms, -1 until an event), EINTR on a handled
// signal even with SA_RESTART, epoll_pwait's temporary mask (a blocked pending signal
// interrupts it and the mask is back after), epoll_pwait2's timespec. Relations, never times.
#include "contract.h"
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>

static volatile sig_atomic_t got;
static void handler(int s) { got = s; }

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
    int p[2];
    pipe(p);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1}, out[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RET(epoll_wait(ep, out, 2, 0));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RET(epoll_wait(ep, out, 2, 60));
    FACT("waited at least 60ms", ms_since(&t0) >= 59);
    struct timespec ts = {0, 40 * 1000000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RET(syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    FACT("pwait2 waited at least 40ms", ms_since(&t0) >= 39);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    RET(epoll_wait(ep, out, 2, -1));
    say("handler saw %s\n", ct_signame(got));

    sigset_t block, empty, cur;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    got = 0;
    raise(SIGUSR1);
    RET(epoll_wait(ep, out, 2, 0));   // a zero timeout does not look at signals
    RET(epoll_pwait(ep, out, 2, 0, &empty));
    say("after zero-timeout pwait handler saw %s\n", ct_signame(got));
    RET(epoll_pwait(ep, out, 2, 5000, &empty));
    say("pwait: handler saw %s\n", ct_signame(got));
    sigprocmask(SIG_SETMASK, NULL, &cur);
    FACT("SIGUSR1 blocked again", sigismember(&cur, SIGUSR1));

    // Ready wins over the signal: it stays pending until the mask is restored (so it is never
    // delivered while SIGUSR1 stays blocked).
    write(p[1], "x", 1);
    got = 0;
    raise(SIGUSR1);
    RET(epoll_pwait(ep, out, 2, 5000, &empty));
    say("ready pwait: handler saw %s\n", ct_signame(got));
    sigset_t pend;
    sigpending(&pend);
    FACT("SIGUSR1 still pending", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    say("after unblock handler saw %s\n", ct_signame(got));

    // -1 waits until a child writes.
    char c;
    read(p[0], &c, 1);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(30000);
        write(p[1], "y", 1);
        _exit(0);
    }
    RET(epoll_wait(ep, out, 2, -1));
    say("child %s\n", ct_wait(pid));
    return 0;
}
