// SPDX-License-Identifier: MIT
// ioprio_get/ioprio_set: the default value, validation of classes and levels, the three "who"
// kinds, inheritance across fork and threads, and permission rules for an unprivileged user.
#include "contract.h"
#include <pthread.h>
#include <sys/syscall.h>

#define CLASS_NONE 0
#define CLASS_RT 1
#define CLASS_BE 2
#define CLASS_IDLE 3
#define VAL(c, d) (((c) << 13) | (d))
#define WHO_PROCESS 1
#define WHO_PGRP 2
#define WHO_USER 3

static long get(int which, int who) { return syscall(SYS_ioprio_get, which, who); }
static long set(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }

static void *thread_fn(void *arg)
{
    (void)arg;
    long inherited = get(WHO_PROCESS, 0);
    long r = set(WHO_PROCESS, 0, VAL(CLASS_BE, 1));
    long mine = get(WHO_PROCESS, 0);
    say("thread: inherited %#lx set %ld mine %#lx\n", inherited, r, mine);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        say("after exec: %#lx\n", get(WHO_PROCESS, 0));
        return 0;
    }
    say("default: %#lx\n", get(WHO_PROCESS, 0));
    say("pid 1: %#lx\n", get(WHO_PROCESS, 1));
    RET(get(WHO_PROCESS, 999999));
    RET(get(WHO_PROCESS, -1));
    RET(get(0, 0));
    RET(get(4, 0));
    say("pgrp: %#lx\n", get(WHO_PGRP, 0));
    RET(get(WHO_PGRP, 999999));
    // (Linux's kernel threads belong to user 0 too: only the success is comparable.)
    FACT("user 0 has a value", get(WHO_USER, 0) >= 0);
    RET(get(WHO_USER, 4242));
    // Validation.
    RET(set(WHO_PROCESS, 0, VAL(CLASS_BE, 8)));
    say("be8: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_BE, 0x1fff)));
    say("be1fff: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_NONE, 8)));
    RET(set(WHO_PROCESS, 0, 0x10000 | VAL(CLASS_BE, 1)));
    say("above class: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_IDLE, 0x1fff)));
    say("idle1fff: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_BE, 7)));
    say("be7: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_RT, 0)));
    say("rt0: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_RT, 9)));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_IDLE, 5)));
    say("idle5: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_NONE, 1)));
    RET(set(WHO_PROCESS, 0, VAL(4, 0)));
    RET(set(WHO_PROCESS, 0, VAL(7, 0)));
    RET(set(WHO_PROCESS, 0, -1));
    RET(set(9, 0, VAL(CLASS_BE, 1)));
    RET(set(9, 0, VAL(9, 1)));
    RET(set(WHO_PROCESS, 999999, VAL(CLASS_BE, 1)));
    RET(set(WHO_PROCESS, 0, VAL(CLASS_NONE, 0)));
    say("none: %#lx\n", get(WHO_PROCESS, 0));
    RET(set(WHO_PROCESS, getpid(), VAL(CLASS_BE, 3)));
    say("be3: %#lx\n", get(WHO_PROCESS, 0));

    // Children inherit; the parent sees the child's own value by pid.
    int sync[2];
    (void)!pipe(sync);
    pid_t c = fork();
    if (c == 0) {
        long v = get(WHO_PROCESS, 0);
        set(WHO_PROCESS, 0, VAL(CLASS_BE, 6));
        char b = (char)(v == VAL(CLASS_BE, 3));
        (void)!write(sync[1], &b, 1);
        pause();
        _exit(0);
    }
    char b = 0;
    (void)!read(sync[0], &b, 1);
    say("child inherited: %s\n", b ? "yes" : "no");
    say("child by pid: %#lx\n", get(WHO_PROCESS, c));
    // Same group: pgrp reports the best (lowest) value of its members.
    setpgid(c, getpgrp());
    say("pgrp best: %#lx\n", get(WHO_PGRP, 0));
    say("pgrp by id: %#lx\n", get(WHO_PGRP, getpgrp()));
    RET(set(WHO_PGRP, 0, VAL(CLASS_BE, 5)));
    say("after pgrp set: self %#lx child %#lx\n", get(WHO_PROCESS, 0), get(WHO_PROCESS, c));
    kill(c, SIGKILL);
    say("child: %s\n", ct_wait(c));

    pthread_t t;
    pthread_create(&t, NULL, thread_fn, NULL);
    pthread_join(t, NULL);
    say("main after thread: %#lx\n", get(WHO_PROCESS, 0));

    c = fork();
    if (c == 0) {
        ct_exec_self("exec", NULL);
        _exit(127);
    }
    say("exec child: %s\n", ct_wait(c));

    // Unprivileged: may set its own value but not RT, nor another user's process.
    c = fork();
    if (c == 0) {
        ct_become_user();
        say("user: %#lx\n", get(WHO_PROCESS, 0));
        RET(set(WHO_PROCESS, 0, VAL(CLASS_RT, 0)));
        RET(set(WHO_PROCESS, 0, VAL(CLASS_IDLE, 0)));
        say("user idle: %#lx\n", get(WHO_PROCESS, 0));
        RET(set(WHO_PROCESS, 1, VAL(CLASS_BE, 4)));
        say("user reads pid 1: %#lx\n", get(WHO_PROCESS, 1));
        RET(set(WHO_USER, 1000, VAL(CLASS_BE, 2)));
        say("user value: %#lx\n", get(WHO_USER, 1000));
        _exit(0);
    }
    say("user child: %s\n", ct_wait(c));
    return 0;
}
