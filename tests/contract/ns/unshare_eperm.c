// SPDX-License-Identifier: MIT
// Namespace flags need CAP_SYS_ADMIN: an unprivileged unshare or clone gets EPERM, while
// unsharing files, fs and undo lists needs no privilege.
#include "contract.h"
#include <sched.h>
#include <sys/syscall.h>

// The UAPI struct (linux/sched.h), spelled out: musl's headers do not include the kernel's.
struct ns_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

static int child_fn(void *arg) { (void)arg; return 7; }
static char stack[64 * 1024] __attribute__((aligned(16)));

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(unshare(CLONE_NEWUTS));
        RET(unshare(CLONE_NEWIPC));
        RET(unshare(CLONE_NEWUTS | CLONE_NEWIPC));
        RET(unshare(CLONE_NEWNS));
        RET(unshare(CLONE_NEWPID));
        RET(unshare(CLONE_NEWNET));
        RET(unshare(CLONE_NEWUTS | CLONE_FILES));
        RET(unshare(CLONE_FILES));
        RET(unshare(CLONE_FS));
        RET(unshare(CLONE_SYSVSEM));
        RET(unshare(CLONE_FILES | CLONE_FS | CLONE_SYSVSEM));
        RET(clone(child_fn, stack + sizeof stack, CLONE_NEWUTS | SIGCHLD, NULL));
        RET(clone(child_fn, stack + sizeof stack, CLONE_NEWIPC | SIGCHLD, NULL));
        struct ns_clone_args ca;
        memset(&ca, 0, sizeof ca);
        ca.flags = CLONE_NEWUTS;
        ca.exit_signal = SIGCHLD;
        RET(syscall(SYS_clone3, &ca, sizeof ca));
        // Still an invalid combination before any privilege check.
        RET(unshare(CLONE_NEWUTS | CLONE_SETTLS));
        RET(sethostname("nope", 4));
        RET(setdomainname("nope", 4));
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
