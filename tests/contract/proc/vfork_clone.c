// SPDX-License-Identifier: MIT
// vfork suspends the parent until exec/_exit and shares memory; clone with CLONE_VM|CLONE_VFORK and exit signals.
#include "contract.h"
#include <sched.h>

static volatile int shared;
static char stack[65536] __attribute__((aligned(16)));
static int child_fn(void *arg) { shared = (int)(long)arg; return 5; }
static volatile int got_usr1;
static void on_usr1(int s) { (void)s; got_usr1 = 1; }

int main(void)
{
    shared = 0;
    pid_t pid = vfork();
    if (pid == 0) { shared = 42; _exit(6); }
    say("after vfork shared: %d\n", shared);
    say("vfork child: %s\n", ct_wait(pid));
    pid = clone(child_fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)77);
    say("after clone shared: %d\n", shared);
    say("clone child: %s\n", ct_wait(pid));
    signal(SIGUSR1, on_usr1);
    pid = clone(child_fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGUSR1, (void *)1);
    int st;
    RET(waitpid(pid, &st, WNOHANG));
    pid_t r = waitpid(pid, &st, __WCLONE);
    say("__WCLONE wait: %s %s\n", r == pid ? "yes" : "no", ct_status(st));
    say("exit signal SIGUSR1 delivered: %d\n", got_usr1);
    RET(clone(child_fn, stack + sizeof stack, CLONE_THREAD, NULL));
    RET(clone(child_fn, stack + sizeof stack, CLONE_SIGHAND, NULL));
    return 0;
}
