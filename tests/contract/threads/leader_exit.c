// SPDX-License-Identifier: MIT
// The main thread leaves with pthread_exit while another thread goes on: the process keeps its
// pid, the parent sees nothing until the last thread ends; the status is exit_group's code, or
// the last thread's own exit code (not the leader's) when no thread called exit_group.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/syscall.h>

static int gate[2], report[2];
static pid_t original;

static void *survivor(void *arg)
{
    long mode = (long)arg;
    char c;
    read(gate[0], &c, 1);   // the parent lets us go once it has checked we are alive
    // Go on only once the leader has finished exiting (a zombie in the task list), so that its
    // exit and ours never contend for a libc lock.
    char path[64], st[256];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", original);
    for (int i = 0; i < 500; i++) {
        char *p = ct_read_file(path, st, sizeof st) > 0 ? strrchr(st, ')') : NULL;
        if (p && p[2] == 'Z') break;
        ct_msleep(10);
    }
    char facts[3] = {(char)(getpid() == original), (char)(kill(getpid(), 0) == 0),
                     (char)(syscall(SYS_gettid) != original)};
    write(report[1], facts, 3);
    if (mode == 1) exit(3);
    syscall(SYS_exit, 6);   // mode 2: the last thread's own exit code is the process's status
    return NULL;
}

static pid_t child(long mode)
{
    pid_t pid = fork();
    if (pid) return pid;
    original = getpid();
    pthread_t t;
    pthread_create(&t, NULL, survivor, (void *)mode);
    if (mode == 1) pthread_exit(NULL);
    syscall(SYS_exit, 5);   // mode 2: the leader's own thread exit, with a code nobody reports
    return 0;
}

static void run(long mode)
{
    pid_t p = child(mode);
    // The leader has gone (or is going); the process is alive until the survivor ends.
    int st;
    pid_t w = waitpid(p, &st, WNOHANG);
    say("mode %ld: running after leader exit: %s\n", mode, w == 0 ? "yes" : "no");
    write(gate[1], "x", 1);
    char facts[3];
    ct_read_full(report[0], facts, 3);
    say("mode %ld: same pid %s, kill(pid,0) ok %s, own tid %s\n", mode, facts[0] ? "yes" : "no",
        facts[1] ? "yes" : "no", facts[2] ? "yes" : "no");
    say("mode %ld: %s\n", mode, ct_wait(p));
}

int main(void)
{
    glibc_needs_futex();
    pipe(gate);
    pipe(report);
    run(1);
    run(2);
    return 0;
}
