// SPDX-License-Identifier: MIT
// signalfd: reading blocked pending signals as records, EAGAIN when empty with SFD_NONBLOCK, poll readiness.
#include "contract.h"
#include <poll.h>
#include <sys/signalfd.h>

int main(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &s, NULL);
    int fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);
    say("signalfd ok: %d\n", fd >= 0);
    struct signalfd_siginfo si;
    RET(read(fd, &si, sizeof si));
    struct pollfd pfd = {fd, POLLIN, 0};
    RET(poll(&pfd, 1, 0));
    kill(getpid(), SIGUSR1);
    union sigval v = {.sival_int = 77};
    sigqueue(getpid(), SIGRTMIN, v);
    sigqueue(getpid(), SIGRTMIN, v);
    RET(poll(&pfd, 1, 0));
    struct signalfd_siginfo many[4];
    RET(read(fd, many, sizeof many));
    say("first: %s code_user=%d pid_ok=%d\n", ct_signame(many[0].ssi_signo), many[0].ssi_code == SI_USER, many[0].ssi_pid == (unsigned)getpid());
    say("rt: is SIGRTMIN %d %d values %d %d code_queue=%d\n", (int)many[1].ssi_signo == SIGRTMIN, (int)many[2].ssi_signo == SIGRTMIN,
        many[1].ssi_int, many[2].ssi_int, many[1].ssi_code == SI_QUEUE);
    RET(read(fd, many, sizeof many));
    RET(read(fd, &si, 10));
    RET(signalfd(-1, &s, 0x1234));
    FACT("cloexec", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    return 0;
}
