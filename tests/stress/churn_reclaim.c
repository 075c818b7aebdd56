// SPDX-License-Identifier: MIT
// Kernel objects created and destroyed in a loop, each kind 2,000 times after a warm-up round:
// pipes, socket pairs passing descriptors (also in cycles the garbage collector must break),
// epoll sets, eventfd/timerfd/signalfd, inotify watches, POSIX message queues, System V message
// queues/semaphores/shared memory, pseudo-terminals, memfd mappings, POSIX timers and files on
// tmpfs. Free memory must come back to within 2 MiB of where it started: a kind that leaks a
// few hundred bytes per object shows up here (2,000 x 1 KiB = 2 MiB).
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "../contract/unix/scm.h"

static long mem_free_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemFree: %ld kB", &v) == 1) break;
    if (f) fclose(f);
    return v;
}

static int failures;
#define CHECK(x) do { if (!(x)) { failures++; fprintf(stderr, "churn: %s failed (line %d)\n", #x, __LINE__); } } while (0)

static void one_round(int i)
{
    int p[2], s[2];
    CHECK(pipe(p) == 0);
    CHECK(write(p[1], "x", 1) == 1);
    close(p[0]);
    close(p[1]);

    // Descriptors in flight, received and not; and a socket sent over itself (a cycle).
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
    CHECK(pipe(p) == 0);
    CHECK(send_fds(s[0], p, 2) == 1);
    int self[1] = {s[0]};
    CHECK(send_fds(s[1], self, 1) == 1);
    close(p[0]);
    close(p[1]);
    close(s[0]);
    close(s[1]);

    int ep = epoll_create1(0), ev = eventfd(1, 0);
    struct epoll_event e = {EPOLLIN, {0}};
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e) == 0);
    CHECK(epoll_wait(ep, &e, 1, 0) == 1);
    close(ev);
    close(ep);

    int tf = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = {{0, 0}, {100, 0}};
    CHECK(timerfd_settime(tf, 0, &its, NULL) == 0);
    close(tf);
    sigset_t ss;
    sigemptyset(&ss);
    sigaddset(&ss, SIGUSR2);
    int sf = signalfd(-1, &ss, 0);
    CHECK(sf >= 0);
    close(sf);

    int in = inotify_init1(0);
    CHECK(inotify_add_watch(in, "/tmp", IN_CREATE) >= 0);
    int f = open("/tmp/churn-file", O_CREAT | O_RDWR | O_TRUNC, 0600);
    CHECK(write(f, "data", 4) == 4);
    close(f);
    CHECK(unlink("/tmp/churn-file") == 0);
    close(in);

    struct mq_attr a = {0, 4, 64, 0, {0}};
    mqd_t q = (mqd_t)syscall(SYS_mq_open, "churn-q", O_CREAT | O_RDWR, 0600, &a);
    CHECK(q >= 0);
    CHECK(syscall(SYS_mq_timedsend, q, "m", 1, 0, NULL) == 0);
    close(q);
    CHECK(syscall(SYS_mq_unlink, "churn-q") == 0);

    int mid = msgget(IPC_PRIVATE, 0600);
    struct { long t; char c; } msg = {1, 'z'};
    CHECK(msgsnd(mid, &msg, 1, 0) == 0);
    CHECK(msgctl(mid, IPC_RMID, NULL) == 0);
    int sid = semget(IPC_PRIVATE, 4, 0600);
    CHECK(semctl(sid, 0, IPC_RMID) == 0);
    int shid = shmget(IPC_PRIVATE, 8192, 0600);
    char *sh = shmat(shid, NULL, 0);
    CHECK(sh != (char *)-1);
    sh[0] = 1;
    CHECK(shmdt(sh) == 0);
    CHECK(shmctl(shid, IPC_RMID, NULL) == 0);

    int m = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
    int sl = open(ptsname(m), O_RDWR | O_NOCTTY);
    CHECK(sl >= 0 && write(m, "ab\n", 3) == 3);
    close(sl);
    close(m);

    int mf = memfd_create("churn", 0);
    CHECK(ftruncate(mf, 16384) == 0);
    char *mp = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_SHARED, mf, 0);
    CHECK(mp != MAP_FAILED);
    mp[0] = mp[8192] = 1;
    munmap(mp, 16384);
    close(mf);

    timer_t t;
    struct sigevent sev = {0};
    sev.sigev_notify = SIGEV_NONE;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t) == 0);
    CHECK(timer_settime(t, 0, &its, NULL) == 0);
    CHECK(timer_delete(t) == 0);
    (void)i;
}

int main(void)
{
    one_round(-1);   // warm-up: first-use allocations (caches, tables) are not leaks
    sleep(1);
    long before = mem_free_kb();
    for (int i = 0; i < 2000; i++) one_round(i);
    sleep(1);
    long after = mem_free_kb();
    printf("churn_reclaim: 2000 rounds, %d failures\n", failures);
    printf("churn_reclaim: memory returned: %s\n", (before > 0 && after > 0 && before - after < 2048) ? "yes" : "no");
    printf("churn_reclaim: MemFree %ld kB -> %ld kB\n", before, after);
    return 0;
}
