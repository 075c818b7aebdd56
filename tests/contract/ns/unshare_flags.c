// SPDX-License-Identifier: MIT
// unshare(2) flag rules: unknown bits, the implied flags, and THREAD/SIGHAND/VM allowed only
// when nothing shares them (another thread, shared handlers, a shared address space).
#include "contract.h"
#include <pthread.h>
#include <sched.h>

static int pipefd[2];
static char stack[64 * 1024] __attribute__((aligned(16)));

// Runs in a clone child that shares the parent's address space (and maybe its handlers):
// reports the errnos of unshare through the pipe, which nothing else writes meanwhile.
static int shared_child(void *arg)
{
    int flags[] = {CLONE_VM, CLONE_SIGHAND, CLONE_THREAD, CLONE_FILES, CLONE_FS};
    int out[5];
    for (int i = 0; i < 5; i++) out[i] = unshare(flags[i]) == 0 ? 0 : errno;
    (void)arg;
    (void)!write(pipefd[1], out, sizeof out);
    return 0;
}

static void report_shared(const char *how, int cflags)
{
    int out[5];
    pid_t pid = clone(shared_child, stack + sizeof stack, cflags | SIGCHLD, NULL);
    if (pid < 0) { say("%s clone: %s\n", how, ct_errname(errno)); return; }
    ct_read_full(pipefd[0], out, sizeof out);
    say("%s child: %s\n", how, ct_wait(pid));
    const char *names[] = {"CLONE_VM", "CLONE_SIGHAND", "CLONE_THREAD", "CLONE_FILES", "CLONE_FS"};
    for (int i = 0; i < 5; i++) say("%s: unshare(%s): %s\n", how, names[i], ct_errname(out[i]));
}

// A vfork child shares the parent's address space while the parent waits.
static int vfork_result = -1;
static int vfork_fn(void *arg)
{
    (void)arg;
    vfork_result = unshare(CLONE_VM) ? errno : 0;
    return 0;
}

static int go[2];
static void *idle_thread(void *arg)
{
    (void)arg;
    ct_sync_wait(go);
    return NULL;
}

int main(void)
{
    RET(unshare(0));
    RET(unshare(CLONE_SETTLS));
    RET(unshare(CLONE_PARENT));
    RET(unshare(CLONE_VFORK));
    RET(unshare(CLONE_PTRACE));
    RET(unshare(SIGCHLD));
    RET(unshare(CLONE_CHILD_SETTID));
    RET(unshare(0x80000000u));
    RET(unshare(-1));
    // Single-threaded, own handlers, own address space: nothing to unshare, so they succeed.
    RET(unshare(CLONE_THREAD));
    RET(unshare(CLONE_SIGHAND));
    RET(unshare(CLONE_VM));
    RET(unshare(CLONE_FILES));
    RET(unshare(CLONE_FS));
    RET(unshare(CLONE_SYSVSEM));
    RET(unshare(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_FS | CLONE_SYSVSEM));

    if (pipe(pipefd)) return 1;
    report_shared("vm", CLONE_VM);
    report_shared("vm+sighand", CLONE_VM | CLONE_SIGHAND);
    pid_t pid = clone(vfork_fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
    say("vfork child: %s\n", ct_wait(pid));
    say("vfork child: unshare(CLONE_VM): %s\n", ct_errname(vfork_result));

    // With a second thread alive, the thread group is not empty.
    if (pipe(go)) return 1;
    pthread_t t;
    if (pthread_create(&t, NULL, idle_thread, NULL)) return 1;
    RET(unshare(CLONE_THREAD));
    RET(unshare(CLONE_SIGHAND));
    RET(unshare(CLONE_VM));
    RET(unshare(CLONE_THREAD | CLONE_NEWUTS));
    ct_sync_post(go);
    pthread_join(t, NULL);
    return 0;
}
