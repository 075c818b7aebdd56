// SPDX-License-Identifier: MIT
// Other event sources: a timerfd expiring (woken from the timer), a signalfd getting a signal,
// a thread sleeping in epoll_wait woken by another thread, and a watched pipe closed by another
// thread while the waiter sleeps (the item goes; the wait times out).
#include "contract.h"
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

static int g_ep, g_pipe[2];

static void *writer(void *arg)
{
    (void)arg;
    usleep(30000);
    write(g_pipe[1], "w", 1);
    return NULL;
}

static void *closer(void *arg)
{
    (void)arg;
    usleep(30000);
    close(g_pipe[0]);
    return NULL;
}

int main(void)
{
    int ep = epoll_create1(0);
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1}, out[4];
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev));
    struct itimerspec its = {{0, 0}, {0, 20 * 1000000}};
    timerfd_settime(tfd, 0, &its, NULL);
    RET(epoll_wait(ep, out, 4, 5000));
    say("timer tag %llu events %x\n", (unsigned long long)out[0].data.u64, out[0].events);
    uint64_t exp;
    read(tfd, &exp, 8);
    RET(epoll_wait(ep, out, 4, 0));

    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    int sfd = signalfd(-1, &m, 0);
    ev.data.u64 = 2;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev));
    RET(epoll_wait(ep, out, 4, 0));
    pid_t pid = fork();
    if (pid == 0) {
        usleep(30000);
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    RET(epoll_wait(ep, out, 4, 5000));
    say("signal tag %llu events %x\n", (unsigned long long)out[0].data.u64, out[0].events);
    say("child %s\n", ct_wait(pid));
    struct signalfd_siginfo si;
    RET(read(sfd, &si, sizeof si));
    say("signo %s\n", ct_signame(si.ssi_signo));

    g_ep = epoll_create1(0);
    pipe(g_pipe);
    ev.data.u64 = 3;
    epoll_ctl(g_ep, EPOLL_CTL_ADD, g_pipe[0], &ev);
    pthread_t th;
    pthread_create(&th, NULL, writer, NULL);
    RET(epoll_wait(g_ep, out, 4, 5000));
    say("thread write tag %llu\n", (unsigned long long)out[0].data.u64);
    pthread_join(th, NULL);
    char c;
    read(g_pipe[0], &c, 1);
    pthread_create(&th, NULL, closer, NULL);
    RET(epoll_wait(g_ep, out, 4, 200));
    pthread_join(th, NULL);
    RET(epoll_wait(g_ep, out, 4, 0));
    return 0;
}
