// SPDX-License-Identifier: MIT
// /proc/<pid>/task: one directory per thread (sorted tids), each with its own status (Pid is
// the tid, Tgid the pid), Threads: in status, /proc/thread-self, and the listing shrinking
// again after the threads are joined.
#include "contract.h"
#include "glibc_futex.h"
#include <dirent.h>
#include <pthread.h>
#include <sys/syscall.h>

#define N 3
static int ready[2], gate[2];
static pid_t tids[N];
static char self_link[N][64];

static void *worker(void *arg)
{
    long i = (long)arg;
    tids[i] = (pid_t)syscall(SYS_gettid);
    ssize_t n = readlink("/proc/thread-self", self_link[i], sizeof self_link[i] - 1);
    if (n > 0) self_link[i][n] = 0;
    ct_sync_post(ready);
    char c;
    read(gate[0], &c, 1);
    return NULL;
}

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int list_tasks(int *out, int max)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && n < max) out[n++] = atoi(e->d_name);
    if (d) closedir(d);
    qsort(out, n, sizeof *out, cmp);
    return n;
}

static long status_field(const char *path, const char *field)
{
    char buf[4096];
    if (ct_read_file(path, buf, sizeof buf) <= 0) return -1;
    char *p = strstr(buf, field);
    return p ? atol(p + strlen(field)) : -2;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready);
    pipe(gate);
    pid_t me = getpid();
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) ct_sync_wait(ready);
    int listed[16];
    int n = list_tasks(listed, 16);
    say("tasks listed: %d, first is the pid: %s\n", n, n > 0 && listed[0] == me ? "yes" : "no");
    int all = 1;
    for (int i = 0; i < N; i++) {
        int found = 0;
        for (int j = 0; j < n; j++) found |= listed[j] == tids[i];
        all &= found;
    }
    FACT("every thread listed", all);
    say("status Threads: %ld\n", status_field("/proc/self/status", "Threads:\t"));
    FACT("status Tgid == pid", status_field("/proc/self/status", "Tgid:\t") == me);
    FACT("status Pid == pid", status_field("/proc/self/status", "\nPid:\t") == me);
    char path[128];
    int pid_ok = 1, tgid_ok = 1, link_ok = 1;
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "/proc/%d/task/%d/status", me, tids[i]);
        pid_ok &= status_field(path, "\nPid:\t") == tids[i];
        tgid_ok &= status_field(path, "Tgid:\t") == me;
        char want[64];
        snprintf(want, sizeof want, "%d/task/%d", me, tids[i]);
        link_ok &= strcmp(self_link[i], want) == 0;
    }
    FACT("task/<tid>/status Pid is the tid", pid_ok);
    FACT("task/<tid>/status Tgid is the pid", tgid_ok);
    FACT("thread-self is <pid>/task/<tid>", link_ok);
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tids[0]);
    char buf[512];
    FACT("task/<tid>/stat readable", ct_read_file(path, buf, sizeof buf) > 0 && atoi(buf) == tids[0]);
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", tids[1]);
    FACT("task/<tid>/comm readable", ct_read_file(path, buf, sizeof buf) > 0);
    close(gate[1]);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    // A joined thread may still be leaving the kernel for a moment: poll.
    for (int i = 0; i < 200 && list_tasks(listed, 16) != 1; i++) ct_msleep(10);
    n = list_tasks(listed, 16);
    say("after join: %d task(s), Threads: %ld\n", n, status_field("/proc/self/status", "Threads:\t"));
    snprintf(path, sizeof path, "/proc/self/task/%d", tids[0]);
    struct stat st;
    FACT("joined thread's directory gone", stat(path, &st) == -1 && errno == ENOENT);
    return 0;
}
