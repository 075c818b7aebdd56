// SPDX-License-Identifier: MIT
// CLONE_NEWUTS through clone and clone3: the child gets its own copy of the names; without the
// flag a child shares them. CLONE_NEWIPC with CLONE_SYSVSEM is refused.
#include "contract.h"
#include <sched.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

// The UAPI struct (linux/sched.h), spelled out: musl's headers do not include the kernel's.
struct ns_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

static char stack[64 * 1024] __attribute__((aligned(16)));
static int rep[2];

static int child_fn(void *arg)
{
    char buf[100], h[70];
    gethostname(h, sizeof h);
    int n = snprintf(buf, sizeof buf, "hostname at start: %s\n", h);
    sethostname((const char *)arg, strlen((const char *)arg));
    (void)!write(rep[1], buf, n);
    return 0;
}

static void show(const char *how)
{
    char buf[200], h[70];
    ssize_t n = read(rep[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("%s: %s", how, buf);
    gethostname(h, sizeof h);
    say("%s: hostname in parent: %s\n", how, h);
}

int main(void)
{
    if (pipe(rep)) return 1;
    RET(sethostname("parent", 6));
    pid_t pid = clone(child_fn, stack + sizeof stack, CLONE_NEWUTS | SIGCHLD, "clone-child");
    if (pid < 0) say("clone: %s\n", ct_errname(errno));
    else {
        say("clone child: %s\n", ct_wait(pid));
        show("clone");
    }
    // clone3 through fork-like semantics (no stack: the child runs on a copy of ours).
    struct ns_clone_args ca;
    memset(&ca, 0, sizeof ca);
    ca.flags = CLONE_NEWUTS;
    ca.exit_signal = SIGCHLD;
    pid = syscall(SYS_clone3, &ca, sizeof ca);
    if (pid == 0) {
        child_fn("clone3-child");
        _exit(0);
    }
    if (pid < 0) say("clone3: %s\n", ct_errname(errno));
    else {
        say("clone3 child: %s\n", ct_wait(pid));
        show("clone3");
    }
    // Without the flag the child changes the shared name.
    pid = clone(child_fn, stack + sizeof stack, SIGCHLD, "shared-child");
    say("plain child: %s\n", ct_wait(pid));
    show("plain");
    RET(clone(child_fn, stack + sizeof stack, CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD, "x"));
    RET(clone(child_fn, stack + sizeof stack, CLONE_NEWUTS | CLONE_FS | CLONE_NEWNS | SIGCHLD, "x"));
    return 0;
}
