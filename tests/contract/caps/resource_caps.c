// SPDX-License-Identifier: MIT
// Resource limits and priorities: CAP_SYS_RESOURCE (raising a hard rlimit, F_SETPIPE_SZ over
// pipe-max-size, oom_score_adj below the floor), CAP_SYS_NICE (lowering nice, another user's
// priority and CPU affinity), CAP_IPC_LOCK (mlock beyond RLIMIT_MEMLOCK).
#include "caps.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>

static pid_t g_user;

static void limits(void)
{
    struct rlimit r = {64, 64};
    RET(setrlimit(RLIMIT_NOFILE, &r));
    r.rlim_max = 128;
    RET(setrlimit(RLIMIT_NOFILE, &r));
    getrlimit(RLIMIT_NOFILE, &r);
    say("nofile max %lu\n", (unsigned long)r.rlim_max);
    int p[2];
    pipe(p);
    RET(fcntl(p[0], F_SETPIPE_SZ, 1 << 20));
    RET(fcntl(p[0], F_SETPIPE_SZ, 2 << 20));
    RET(fcntl(p[0], F_GETPIPE_SZ));
    RET(ct_write_file("/proc/self/oom_score_adj", "-100", 0));
    char buf[32];
    ct_read_file("/proc/self/oom_score_adj", buf, sizeof buf);
    say("oom_score_adj %s", buf);
    RET(ct_write_file("/proc/self/oom_score_adj", "100", 0));
    RET(ct_write_file("/proc/self/oom_score_adj", "-50", 0));
    ct_read_file("/proc/self/oom_score_adj", buf, sizeof buf);
    say("oom_score_adj %s", buf);
}

static void priority(void)
{
    RET(setpriority(PRIO_PROCESS, 0, 5));
    RET(setpriority(PRIO_PROCESS, 0, -5));
    RET(getpriority(PRIO_PROCESS, 0));
    RET(setpriority(PRIO_PROCESS, g_user, 3));
    RET(nice(-1));
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    RET(sched_setaffinity(g_user, sizeof set, &set));
    RET(sched_setaffinity(0, sizeof set, &set));
}

static void locking(void)
{
    struct rlimit r = {0, 0};
    RET(setrlimit(RLIMIT_MEMLOCK, &r));
    char *m = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    RET(mlock(m, 4096));
    RET(munlock(m, 4096));
    r.rlim_cur = r.rlim_max = 4096;
    RET(setrlimit(RLIMIT_MEMLOCK, &r));
    RET(mlock(m, 16384));
    RET(mlock(m, 4096));
    munlock(m, 16384);
}

static void with_all(void)
{
    limits();
    priority();
    locking();
}

static void without(void)
{
    RET(caps_drop(C_SYS_RESOURCE, 0));
    RET(caps_drop(C_SYS_NICE, 0));
    RET(caps_drop(C_IPC_LOCK, 0));
    limits();
    priority();
    locking();
}

int main(void)
{
    g_user = caps_user_sleeper();
    caps_step("all capabilities", with_all);
    caps_step("without SYS_RESOURCE, SYS_NICE, IPC_LOCK", without);
    RET(kill(g_user, SIGKILL));
    say("user: %s\n", ct_wait(g_user));
    return 0;
}
