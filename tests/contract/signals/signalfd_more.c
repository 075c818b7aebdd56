// SPDX-License-Identifier: MIT
// signalfd: changing the mask of an existing fd, SIGCHLD records, poll, a signal arriving while blocked in read or poll, EINTR, errors.
#include "contract.h"
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile int handled;
static void on_usr2(int s) { (void)s; handled++; }

static int pollin(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, ms);
    return r < 0 ? -errno : r;
}

int main(void)
{
    sigset_t s1, s2, both;
    sigemptyset(&s1);
    sigaddset(&s1, SIGUSR1);
    sigemptyset(&s2);
    sigaddset(&s2, SIGPIPE);
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGPIPE);
    sigaddset(&both, SIGCHLD);
    sigprocmask(SIG_BLOCK, &both, NULL);

    // The mask of an existing descriptor can change; the call returns that descriptor.
    int fd = signalfd(-1, &s1, SFD_NONBLOCK);
    struct signalfd_siginfo si;
    kill(getpid(), SIGPIPE);
    RET(pollin(fd, 0));
    RET(read(fd, &si, sizeof si));
    FACT("same fd returned", signalfd(fd, &s2, 0) == fd);
    RET(pollin(fd, 0));
    RET(read(fd, &si, sizeof si));
    say("got: %s code_user=%d pid_ok=%d uid=%u\n", ct_signame(si.ssi_signo), si.ssi_code == SI_USER, si.ssi_pid == (unsigned)getpid(), si.ssi_uid);
    FACT("still nonblocking", fcntl(fd, F_GETFL) & O_NONBLOCK);
    sigset_t pend;
    sigpending(&pend);
    FACT("SIGPIPE no longer pending", !sigismember(&pend, SIGPIPE));

    // Errors.
    RET(signalfd(-1, &s1, 4));
    RET(signalfd(0, &s1, 0));
    RET(signalfd(99, &s1, 0));
    RET(syscall(SYS_signalfd4, -1, &s1, 8, O_APPEND));
    RET(syscall(SYS_signalfd4, -1, NULL, 8, 0));
    char path[64], link[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    RET(readlink(path, link, sizeof link - 1));
    say("link: %s\n", link);
    {
        static const char *const keys[] = {"flags:", "sigmask:", NULL};
        ct_show_fdinfo(fd, keys);
    }
    close(fd);

    // SIGCHLD as a record: pid, status, code.
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    int cfd = signalfd(-1, &chld, 0);
    pid_t pid = fork();
    if (pid == 0) _exit(7);
    RET(read(cfd, &si, sizeof si));
    say("sigchld: %s exited=%d pid_ok=%d status=%d uid=%u\n", ct_signame(si.ssi_signo), si.ssi_code == CLD_EXITED, si.ssi_pid == (unsigned)pid,
        si.ssi_status, si.ssi_uid);
    say("reaped: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        raise(SIGKILL);
        _exit(0);
    }
    RET(read(cfd, &si, sizeof si));
    say("sigchld: killed=%d status=%s\n", si.ssi_code == CLD_KILLED, ct_signame(si.ssi_status));
    say("reaped: %s\n", ct_wait(pid));
    close(cfd);

    // A signal that arrives while the reader sleeps in read(2).
    int ufd = signalfd(-1, &s1, 0);
    pid_t parent = getpid();
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    RET(read(ufd, &si, sizeof si));
    say("woken by: %s from child=%d\n", ct_signame(si.ssi_signo), si.ssi_pid == (unsigned)pid);
    say("child: %s\n", ct_wait(pid));
    // ... and while it sleeps in poll(2).
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    RET(pollin(ufd, 10000));
    RET(read(ufd, &si, sizeof si));
    say("child: %s\n", ct_wait(pid));

    // A handled, unblocked signal interrupts the read.
    struct sigaction sa = {0};
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR2);
        _exit(0);
    }
    RET(read(ufd, &si, sizeof si));
    say("handled: %d child: %s\n", handled, ct_wait(pid));

    // Queued real-time signals keep their values; several records come in one read.
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    int rfd = signalfd(-1, &rt, SFD_NONBLOCK);
    for (int i = 0; i < 3; i++) sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 100 + i});
    struct signalfd_siginfo many[5];
    long r = read(rfd, many, sizeof many);
    say("records: %ld\n", r / (long)sizeof many[0]);
    for (long i = 0; i < r / (long)sizeof many[0]; i++)
        say("  rt+1=%d code_queue=%d int=%d ptr_low=%d\n", (int)many[i].ssi_signo == SIGRTMIN + 1, many[i].ssi_code == SI_QUEUE, many[i].ssi_int,
            (int)(many[i].ssi_ptr & 0xffffffff));
    RET(read(rfd, many, sizeof many));
    RET(read(rfd, many, sizeof many[0] - 1));
    return 0;
}
