// SPDX-License-Identifier: MIT
// fork from a thread of a multi-threaded process: the child has only the forking thread (now
// its main thread, tid == pid), a copy of the memory, and the parent's threads go on.
#include "contract.h"
#include "glibc_futex.h"
#include <dirent.h>
#include <pthread.h>
#include <sys/syscall.h>

static int gate[2];
static volatile int shared = 1;

static int count_tasks(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

static void *idle(void *arg)
{
    (void)arg;
    char c;
    read(gate[0], &c, 1);
    return NULL;
}

static void *forker(void *arg)
{
    (void)arg;
    shared = 2;
    pid_t pid = fork();
    if (pid == 0) {
        // Encode the child's view in its exit status.
        int code = 0;
        if (count_tasks() == 1) code |= 1;
        if (syscall(SYS_gettid) == getpid()) code |= 2;
        if (shared == 2) code |= 4;
        pthread_t t;
        pipe(gate);   // a fresh gate: the parent's copy of the old one stays open
        if (pthread_create(&t, NULL, idle, NULL) == 0) {   // the child can make threads of its own
            close(gate[1]);
            pthread_join(t, NULL);
            code |= 8;
        }
        _exit(code);
    }
    return (void *)(long)pid;
}

int main(void)
{
    glibc_needs_futex();
    pipe(gate);
    pthread_t idlers[3], f;
    for (int i = 0; i < 3; i++) pthread_create(&idlers[i], NULL, idle, NULL);
    say("tasks before: %d\n", count_tasks());
    void *r;
    pthread_create(&f, NULL, forker, NULL);
    pthread_join(f, &r);
    pid_t child = (pid_t)(long)r;
    int st;
    // The main thread reaps a child forked by another thread: children belong to the process.
    pid_t w = waitpid(child, &st, 0);
    FACT("main thread reaped it", w == child);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    say("child: one task %s, tid==pid %s, memory copied %s, own thread %s\n", code & 1 ? "yes" : "no",
        code & 2 ? "yes" : "no", code & 4 ? "yes" : "no", code & 8 ? "yes" : "no");
    close(gate[1]);
    for (int i = 0; i < 3; i++) pthread_join(idlers[i], NULL);
    // A joined thread may still be leaving the kernel for a moment: poll.
    for (int i = 0; i < 200 && count_tasks() != 1; i++) ct_msleep(10);
    say("tasks after: %d\n", count_tasks());
    return 0;
}
