// SPDX-License-Identifier: MIT
// execve from a thread that is not the leader: the other threads (the leader too) are gone,
// and the new image runs with the old pid, as its only thread, tid == pid.
#include "contract.h"
#include "glibc_futex.h"
#include <dirent.h>
#include <pthread.h>
#include <sys/syscall.h>

static char pidbuf[16];

static void *execer(void *arg)
{
    (void)arg;
    ct_exec_self("after", pidbuf);
    say("exec failed: %s\n", ct_errname(errno));
    return NULL;
}

static void *blocker(void *arg)
{
    int *fds = arg;
    char c;
    read(fds[0], &c, 1);   // never written: exec must kill this thread
    return NULL;
}

static void *spinner(void *arg)
{
    (void)arg;
    for (;;) {}
    return NULL;
}

static int after(const char *oldpid)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    if (d) closedir(d);
    say("after exec: same pid %s, tid == pid %s, tasks %d\n", getpid() == atoi(oldpid) ? "yes" : "no",
        syscall(SYS_gettid) == getpid() ? "yes" : "no", n);
    char buf[4096];
    ct_read_file("/proc/self/status", buf, sizeof buf);
    char *t = strstr(buf, "Threads:");
    say("status %.*s\n", t ? (int)strcspn(t, "\n") : 0, t ? t : "");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "after") == 0) return after(argv[2]);
    glibc_needs_futex();
    snprintf(pidbuf, sizeof pidbuf, "%d", getpid());
    static int fds[2];
    pipe(fds);
    pthread_t b, s, x;
    pthread_create(&b, NULL, blocker, fds);
    pthread_create(&s, NULL, spinner, NULL);
    pthread_create(&x, NULL, execer, NULL);
    pthread_join(x, NULL);   // the leader is killed by the exec while it waits here
    say("not reached\n");
    return 1;
}
