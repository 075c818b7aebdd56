// SPDX-License-Identifier: MIT
// sched_setattr/sched_getattr: the size protocol (E2BIG with the kernel's size written back), flag
// and policy validation, and the SCHED_OTHER nice round trip, for root and an unprivileged user.
#include "contract.h"
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

struct attr {
    unsigned size, policy;
    unsigned long long flags;
    int nice;
    unsigned priority;
    unsigned long long runtime, deadline, period;
    unsigned util_min, util_max;
    unsigned char extra[16];
};

static long sset(int pid, struct attr *a, unsigned flags) { return syscall(SYS_sched_setattr, pid, a, flags); }
static long sget(int pid, struct attr *a, unsigned size, unsigned flags)
{
    return syscall(SYS_sched_getattr, pid, a, size, flags);
}
static void show(const char *label, int pid)
{
    struct attr a;
    memset(&a, 0xaa, sizeof a);
    long r = sget(pid, &a, sizeof a, 0);
    if (r) { say("%s: %s\n", label, ct_errname(errno)); return; }
    say("%s: size %u policy %u flags %#llx nice %d prio %u rt %llu dl %llu per %llu umin %u umax %u tail %#x\n", label,
        a.size, a.policy, a.flags, a.nice, a.priority, a.runtime, a.deadline, a.period, a.util_min, a.util_max,
        a.extra[0]);
}

static struct attr other(int nice)
{
    struct attr a;
    memset(&a, 0, sizeof a);
    a.size = 48;
    a.policy = SCHED_OTHER;
    a.nice = nice;
    return a;
}

int main(void)
{
    show("initial", 0);
    struct attr a;
    memset(&a, 0xaa, sizeof a);
    RET(sget(0, &a, 48, 0));
    say("size 48: size %u util bytes untouched %s\n", a.size, a.util_min == 0xaaaaaaaau ? "yes" : "no");
    RET(sget(0, &a, 47, 0));
    RET(sget(0, &a, 4097, 0));
    RET(sget(0, &a, 4096, 0));
    RET(sget(0, &a, 56, 1));
    RET(sget(-1, &a, 56, 0));
    RET(sget(0, NULL, 56, 0));
    RET(sget(999999, &a, 56, 0));
    RET(sget(0, (struct attr *)8, 56, 0));
    RET(sget(getpid(), &a, 56, 0));

    a = other(5);
    RET(sset(0, &a, 0));
    show("nice 5", 0);
    say("getpriority: %d\n", getpriority(PRIO_PROCESS, 0));
    RET(setpriority(PRIO_PROCESS, 0, 7));
    show("setpriority 7", 0);
    a = other(-30);
    RET(sset(0, &a, 0));
    show("nice -30 clamps", 0);
    a = other(3);
    a.size = 0;
    RET(sset(0, &a, 0));
    show("size 0 means 48", 0);
    a = other(0);
    a.size = 40;
    RET(sset(0, &a, 0));
    say("size 40 wrote back %u\n", a.size);
    a = other(0);
    a.size = sizeof a;
    a.extra[3] = 1;
    RET(sset(0, &a, 0));
    say("nonzero tail wrote back %u\n", a.size);
    a.extra[3] = 0;
    RET(sset(0, &a, 0));
    a = other(0);
    a.size = 8192;
    RET(sset(0, &a, 0));
    say("size 8192 wrote back %u\n", a.size);
    a = other(0);
    RET(sset(0, &a, 1));
    RET(sset(-1, &a, 0));
    RET(sset(0, NULL, 0));
    RET(sset(0, (struct attr *)8, 0));
    RET(sset(999999, &a, 0));
    a = other(0);
    a.priority = 5;
    RET(sset(0, &a, 0));
    a = other(0);
    a.policy = SCHED_FIFO;
    RET(sset(0, &a, 0));
    a = other(0);
    a.policy = 6;   // SCHED_DEADLINE with no parameters
    RET(sset(0, &a, 0));
    a = other(0);
    a.policy = 99;
    RET(sset(0, &a, 0));
    a = other(0);
    a.policy = 0x80000000u;
    RET(sset(0, &a, 0));
    a = other(0);
    a.flags = 0x80;
    RET(sset(0, &a, 0));
    a = other(0);
    a.flags = 0x20;   // SCHED_FLAG_UTIL_CLAMP_MIN with a VER0 size
    RET(sset(0, &a, 0));
    a = other(4);
    a.flags = 0x10;   // SCHED_FLAG_KEEP_PARAMS
    RET(sset(0, &a, 0));
    show("keep params", 0);
    a = other(2);
    a.policy = 77;
    a.flags = 0x08;   // SCHED_FLAG_KEEP_POLICY
    RET(sset(0, &a, 0));
    show("keep policy", 0);
    a = other(1);
    a.flags = 0x01;   // SCHED_FLAG_RESET_ON_FORK
    RET(sset(0, &a, 0));
    show("reset on fork", 0);
    RET(syscall(SYS_sched_getscheduler, 0));
    pid_t c = fork();
    if (c == 0) {
        show("child", 0);
        _exit(0);
    }
    say("child: %s\n", ct_wait(c));
    a = other(-5);
    RET(sset(0, &a, 0));
    c = fork();
    if (c == 0) {
        show("child of reset-on-fork with nice -5", 0);
        _exit(0);
    }
    say("child: %s\n", ct_wait(c));
    a = other(0);
    RET(sset(0, &a, 0));
    show("cleared", 0);

    c = fork();
    if (c == 0) {
        ct_become_user();
        a = other(10);
        RET(sset(0, &a, 0));
        a = other(5);
        RET(sset(0, &a, 0));
        show("user", 0);
        a = other(0);
        RET(sset(1, &a, 0));
        show("user reads pid 1", 1);
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    return 0;
}
