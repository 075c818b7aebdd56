// SPDX-License-Identifier: MIT
// unshare(CLONE_FS) in a process sharing its fs context (clone CLONE_FS): chdir and umask
// show in both before, only in the caller after.
#include "contract.h"
#include <sched.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static int to_child[2], to_parent[2];

static int child_fn(void *arg)
{
    (void)arg;
    chdir("/tmp/t/a");
    umask(077);
    ct_sync_post(to_parent);
    ct_sync_wait(to_child);
    int r = unshare(CLONE_FS);
    chdir("/tmp/t/b");
    umask(011);
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "?");
    char buf[300];
    int n = snprintf(buf, sizeof buf, "child unshare: %s, child cwd: %s\n", r ? ct_errname(errno) : "ok", cwd);
    (void)!write(to_parent[1], buf, n);
    return 0;
}

int main(void)
{
    if (pipe(to_child) || pipe(to_parent)) return 1;
    mkdir("/tmp/t/a", 0755);
    mkdir("/tmp/t/b", 0755);
    char cwd[256];
    pid_t pid = clone(child_fn, stack + sizeof stack, CLONE_FS | SIGCHLD, NULL);
    if (pid < 0) { say("clone: %s\n", ct_errname(errno)); return 0; }
    ct_sync_wait(to_parent);
    say("cwd after child's chdir: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
    mode_t m = umask(022);
    say("umask after child's umask: %03o\n", m);
    umask(m);
    ct_sync_post(to_child);
    char buf[300];
    ssize_t n = read(to_parent[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("%s", buf);
    say("child: %s\n", ct_wait(pid));
    say("cwd after child's unshare and chdir: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
    m = umask(022);
    say("umask after child's unshare and umask: %03o\n", m);
    RET(unshare(CLONE_FS));
    say("cwd after own unshare: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
    return 0;
}
