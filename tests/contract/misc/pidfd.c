// SPDX-License-Identifier: MIT
// pidfd_open, pidfd_send_signal, pidfd_getfd: descriptor properties, poll on exit, signals,
// stealing a descriptor, and the errors for threads, dead processes and bad arguments.
#include "contract.h"
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>

static long pidfd_open(pid_t pid, unsigned flags) { return syscall(SYS_pidfd_open, pid, flags); }
static long pidfd_signal(int fd, int sig, siginfo_t *info, unsigned flags)
{
    return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}
static long pidfd_getfd(int fd, int target, unsigned flags) { return syscall(SYS_pidfd_getfd, fd, target, flags); }

static int readable(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, 0);
    return r == 1 ? p.revents : r;
}

static pid_t thread_tid;
static int thread_pipe[2];
static void *thread_fn(void *arg)
{
    (void)arg;
    thread_tid = (pid_t)syscall(SYS_gettid);
    ct_sync_post(thread_pipe);
    pause();
    return NULL;
}

int main(void)
{
    int self = (int)pidfd_open(getpid(), 0);
    FACT("pidfd_open(self) >= 0", self >= 0);
    char link[64] = {0};
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", self);
    (void)!readlink(path, link, sizeof link - 1);
    say("link: %s\n", link);
    say("cloexec: %s\n", (fcntl(self, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    say("flags O_RDWR: %s\n", (fcntl(self, F_GETFL) & O_ACCMODE) == O_RDWR ? "yes" : "no");
    int nb = (int)pidfd_open(getpid(), O_NONBLOCK);
    say("nonblock flag: %s\n", (fcntl(nb, F_GETFL) & O_NONBLOCK) ? "yes" : "no");
    char fdinfo[128];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", self);
    char all[512] = {0};
    ct_read_file(path, all, sizeof all);
    snprintf(fdinfo, sizeof fdinfo, "Pid:\t%d\n", getpid());
    FACT("fdinfo has Pid", strstr(all, fdinfo) != NULL);
    snprintf(fdinfo, sizeof fdinfo, "NSpid:\t%d\n", getpid());
    FACT("fdinfo has NSpid", strstr(all, fdinfo) != NULL);
    say("poll self: %#x\n", readable(self));
    char b;
    RET(read(self, &b, 1));
    RET(write(self, "x", 1));
    RET(lseek(self, 0, SEEK_SET));
    RET(pidfd_open(getpid(), 1));
    RET(pidfd_open(getpid(), O_CLOEXEC));
    RET(pidfd_open(0, 0));
    RET(pidfd_open(-1, 0));
    RET(pidfd_open(999999, 0));
    (void)!pipe(thread_pipe);
    pthread_t t;
    pthread_create(&t, NULL, thread_fn, NULL);
    ct_sync_wait(thread_pipe);
    RET(pidfd_open(thread_tid, 0));

    // A child: poll shows nothing until it exits, then POLLIN; signals reach it.
    int sync[2];
    (void)!pipe(sync);
    pid_t c = fork();
    if (c == 0) {
        int fd = open("secret", O_RDWR | O_CREAT, 0600);
        (void)!write(fd, "stolen", 6);
        char s[8];
        snprintf(s, sizeof s, "%d", fd);
        (void)!write(sync[1], s, strlen(s));
        pause();
        _exit(7);
    }
    char fdnum[8] = {0};
    (void)!read(sync[0], fdnum, sizeof fdnum - 1);
    int pfd = (int)pidfd_open(c, 0);
    say("poll running: %#x\n", readable(pfd));
    RET(pidfd_signal(pfd, 0, NULL, 0));
    RET(pidfd_signal(pfd, 0, NULL, 1));
    RET(pidfd_signal(pfd, 99, NULL, 0));
    RET(pidfd_signal(-1, SIGKILL, NULL, 0));
    RET(pidfd_signal(sync[0], SIGKILL, NULL, 0));
    siginfo_t si;
    memset(&si, 0, sizeof si);
    // SIGCONT: harmless to the running child.
    si.si_signo = SIGCONT;
    si.si_code = SI_QUEUE;
    RET(pidfd_signal(pfd, SIGUSR2, &si, 0));
    RET(pidfd_signal(pfd, SIGCONT, &si, 0));
    si.si_code = SI_USER;
    RET(pidfd_signal(pfd, SIGCONT, &si, 0));
    si.si_code = SI_TKILL;
    RET(pidfd_signal(pfd, SIGCONT, &si, 0));
    si.si_signo = SIGCONT;
    si.si_code = SI_USER;
    RET(pidfd_signal(self, SIGCONT, &si, 0));
    // Steal the child's descriptor: a new close-on-exec descriptor on the same open file.
    int stolen = (int)pidfd_getfd(pfd, atoi(fdnum), 0);
    FACT("getfd >= 0", stolen >= 0);
    say("stolen cloexec: %s\n", (fcntl(stolen, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    char got[8] = {0};
    RET(pread(stolen, got, 6, 0));
    say("stolen reads: %s\n", got);
    RET(pidfd_getfd(pfd, 999, 0));
    RET(pidfd_getfd(pfd, atoi(fdnum), 1));
    RET(pidfd_getfd(sync[0], 0, 0));
    RET(pidfd_getfd(-1, 0, 0));
    RET(pidfd_signal(pfd, SIGKILL, NULL, 0));
    struct pollfd pp = {pfd, POLLIN, 0};
    RET(poll(&pp, 1, 10000));
    say("poll after kill: %#x\n", pp.revents);
    RET(pidfd_signal(pfd, 0, NULL, 0));
    RET(pidfd_getfd(pfd, 0, 0));
    RET(pidfd_open(c, 0) >= 0);
    say("child: %s\n", ct_wait(c));
    say("poll reaped: %#x\n", readable(pfd));
    RET(pidfd_signal(pfd, 0, NULL, 0));
    RET(pidfd_signal(pfd, 99, NULL, 0));
    RET(pidfd_getfd(pfd, 0, 0));
    RET(pidfd_open(c, 0));
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pfd);
    memset(all, 0, sizeof all);
    ct_read_file(path, all, sizeof all);
    FACT("reaped fdinfo Pid -1", strstr(all, "Pid:\t-1\n") != NULL);

    // waitid(P_PIDFD): waits for that child; an O_NONBLOCK pidfd says EAGAIN while it runs.
    int go[2];
    (void)!pipe(go);
    c = fork();
    if (c == 0) {
        ct_sync_wait(go);
        _exit(5);
    }
    int wfd = (int)pidfd_open(c, O_NONBLOCK);
    siginfo_t wi;
    memset(&wi, 0, sizeof wi);
    RET(syscall(SYS_waitid, 3, wfd, &wi, WEXITED, NULL));
    RET(syscall(SYS_waitid, 3, wfd, &wi, WEXITED | WNOHANG, NULL));
    say("WNOHANG pid: %s\n", wi.si_pid == 0 ? "0" : "set");
    RET(syscall(SYS_waitid, 3, -1, &wi, WEXITED, NULL));
    RET(syscall(SYS_waitid, 3, go[0], &wi, WEXITED, NULL));
    RET(syscall(SYS_waitid, 3, 999, &wi, WEXITED, NULL));
    RET(syscall(SYS_waitid, 3, self, &wi, WEXITED | WNOHANG, NULL));
    int bfd = (int)pidfd_open(c, 0);
    ct_sync_post(go);
    memset(&wi, 0, sizeof wi);
    RET(syscall(SYS_waitid, 3, bfd, &wi, WEXITED, NULL));
    say("waitid: pid %s code %d status %d\n", wi.si_pid == c ? "child" : "other", wi.si_code, wi.si_status);
    RET(syscall(SYS_waitid, 3, bfd, &wi, WEXITED, NULL));

    // Unprivileged: may not signal or steal from root's processes.
    c = fork();
    if (c == 0) {
        int init = (int)pidfd_open(1, 0);
        ct_become_user();
        RET(pidfd_signal(init, 0, NULL, 0));
        RET(pidfd_getfd(init, 0, 0));
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    return 0;
}
