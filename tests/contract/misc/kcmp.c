// SPDX-License-Identifier: MIT
// kcmp: which kernel objects processes and threads share after fork, clone flags and dup; error
// codes; the ordering values' antisymmetry (their direction is not comparable across kernels).
#include "contract.h"
#include <sched.h>
#include <sys/epoll.h>
#include <sys/sem.h>
#include <sys/syscall.h>

#define KCMP_FILE 0
#define KCMP_VM 1
#define KCMP_FILES 2
#define KCMP_FS 3
#define KCMP_SIGHAND 4
#define KCMP_IO 5
#define KCMP_SYSVSEM 6
#define KCMP_EPOLL_TFD 7

struct epoll_slot { unsigned efd, tfd, toff; };

static long kcmp(int p1, int p2, int type, unsigned long i1, unsigned long i2)
{
    return syscall(SYS_kcmp, p1, p2, type, i1, i2);
}

static const char *rel(long r)
{
    if (r == 0) return "same";
    if (r == 1 || r == 2) return "different";
    return r < 0 ? ct_errname(errno) : "bad value";
}

static void all(const char *label, int a, int b)
{
    say("%s: vm %s files %s fs %s sighand %s\n", label, rel(kcmp(a, b, KCMP_VM, 0, 0)),
        rel(kcmp(a, b, KCMP_FILES, 0, 0)), rel(kcmp(a, b, KCMP_FS, 0, 0)), rel(kcmp(a, b, KCMP_SIGHAND, 0, 0)));
}

static int sync_pipe[2];
static int child_fn(void *arg)
{
    (void)arg;
    char c;
    (void)!read(sync_pipe[0], &c, 1);
    return 0;
}

static pid_t start_clone(int flags)
{
    static char stacks[4][65536];
    static int n;
    return clone(child_fn, stacks[n++] + 65536, flags | SIGCHLD, NULL);
}

int main(void)
{
    pid_t me = getpid();
    int fd = open("f", O_RDWR | O_CREAT, 0644);
    int dupfd = dup(fd);
    int other = open("f", O_RDONLY);
    int path = open("f", O_PATH);
    say("self: %s\n", rel(kcmp(me, me, KCMP_VM, 0, 0)));
    say("dup: %s\n", rel(kcmp(me, me, KCMP_FILE, fd, dupfd)));
    say("reopen: %s\n", rel(kcmp(me, me, KCMP_FILE, fd, other)));
    say("O_PATH vs itself: %s\n", rel(kcmp(me, 0 + me, KCMP_FILE, path, path)));
    long r1 = kcmp(me, me, KCMP_FILE, fd, other), r2 = kcmp(me, me, KCMP_FILE, other, fd);
    FACT("antisymmetric", r1 + r2 == 3);
    RET(kcmp(me, me, KCMP_FILE, fd, 999));
    RET(kcmp(me, me, KCMP_FILE, 999, fd));
    RET(kcmp(me, me, KCMP_FILE, ((unsigned long)1 << 32) | (unsigned)fd, fd) == 0);
    RET(kcmp(me, me, 99, 0, 0));
    RET(kcmp(me, me, -1, 0, 0));
    RET(kcmp(me, 999999, KCMP_VM, 0, 0));
    RET(kcmp(999999, me, 99, 0, 0));
    RET(kcmp(0, me, KCMP_VM, 0, 0));
    say("pid 1 vs me: %s\n", rel(kcmp(1, me, KCMP_VM, 0, 0)));

    (void)!pipe(sync_pipe);
    pid_t forked = fork();
    if (forked == 0) { child_fn(NULL); _exit(0); }
    all("fork", me, forked);
    say("fork inherited fd: %s\n", rel(kcmp(me, forked, KCMP_FILE, fd, fd)));
    pid_t vmc = start_clone(CLONE_VM);
    all("clone VM", me, vmc);
    pid_t shared = start_clone(CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_SIGHAND);
    all("clone VM FILES FS SIGHAND", me, shared);
    say("io fresh fork: %s\n", rel(kcmp(me, forked, KCMP_IO, 0, 0)));
    for (int i = 0; i < 3; i++) (void)!write(sync_pipe[1], "x", 1);
    say("fork: %s\n", ct_wait(forked));
    say("clone VM: %s\n", ct_wait(vmc));
    say("clone shared: %s\n", ct_wait(shared));

    // System V undo lists: none until a SEM_UNDO operation; fork children start without.
    pid_t plain = fork();
    if (plain == 0) { pause(); _exit(0); }
    say("sysvsem before: %s\n", rel(kcmp(me, plain, KCMP_SYSVSEM, 0, 0)));
    int sem = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf op = {0, 1, SEM_UNDO};
    RET(semop(sem, &op, 1));
    say("sysvsem after undo: %s\n", rel(kcmp(me, plain, KCMP_SYSVSEM, 0, 0)));
    say("sysvsem self: %s\n", rel(kcmp(me, me, KCMP_SYSVSEM, 0, 0)));
    kill(plain, SIGKILL);
    say("plain: %s\n", ct_wait(plain));
    semctl(sem, 0, IPC_RMID);

    // KCMP_EPOLL_TFD: is a file the one an epoll instance watches under a descriptor number?
    int ep = epoll_create1(0);
    int pp[2];
    (void)!pipe(pp);
    int pdup = dup(pp[0]);
    struct epoll_event ev = {EPOLLIN, {0}};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, pdup, &ev));
    struct epoll_slot slot = {ep, pdup, 0};
    say("epoll watched: %s\n", rel(kcmp(me, me, KCMP_EPOLL_TFD, pp[0], (unsigned long)&slot)));
    say("epoll other file: %s\n", rel(kcmp(me, me, KCMP_EPOLL_TFD, pp[1], (unsigned long)&slot)));
    slot.toff = 1;
    RET(kcmp(me, me, KCMP_EPOLL_TFD, pp[0], (unsigned long)&slot));
    slot.toff = 0;
    slot.tfd = pp[0];
    RET(kcmp(me, me, KCMP_EPOLL_TFD, pp[0], (unsigned long)&slot));
    slot.efd = fd;
    RET(kcmp(me, me, KCMP_EPOLL_TFD, fd, (unsigned long)&slot));
    slot.efd = 999;
    RET(kcmp(me, me, KCMP_EPOLL_TFD, fd, (unsigned long)&slot));
    RET(kcmp(me, me, KCMP_EPOLL_TFD, 999, (unsigned long)&slot));
    RET(kcmp(me, me, KCMP_EPOLL_TFD, fd, 0));

    // Unprivileged: another user's process is off limits, its own children are not.
    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        RET(kcmp(getpid(), 1, KCMP_VM, 0, 0));
        RET(kcmp(1, getpid(), KCMP_VM, 0, 0));
        pid_t g = fork();
        if (g == 0) { pause(); _exit(0); }
        say("user child: %s\n", rel(kcmp(getpid(), g, KCMP_FILES, 0, 0)));
        kill(g, SIGKILL);
        waitpid(g, NULL, 0);
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    return 0;
}
