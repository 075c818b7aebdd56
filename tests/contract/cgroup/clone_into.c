// SPDX-License-Identifier: MIT
// clone3 with CLONE_INTO_CGROUP: the child starts in the cgroup named by a directory descriptor
// (O_PATH too); other descriptors, removed cgroups and the cgroup rules are refused, and
// pids.max applies to the target.
#include "contract.h"
#include "cg.h"
#include <stdint.h>
#include <sys/syscall.h>

#define CT_CLONE_INTO_CGROUP 0x200000000ULL

struct ct_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size,
        cgroup;
};

// Forks into the cgroup of fd; the child reports its /proc/self/cgroup through the exit status
// (0 when it names want).
static long spawn_into(int fd, const char *want)
{
    struct ct_clone_args a;
    memset(&a, 0, sizeof a);
    a.flags = CT_CLONE_INTO_CGROUP;
    a.exit_signal = SIGCHLD;
    a.cgroup = (uint64_t)fd;
    long r = syscall(SYS_clone3, &a, sizeof a);
    if (r == 0) {
        char b[128];
        ct_read_file("/proc/self/cgroup", b, sizeof b);
        _exit(strcmp(b, want) == 0 ? 0 : 1);
    }
    return r;
}

static void try_spawn(const char *label, int fd, const char *want)
{
    errno = 0;
    long r = spawn_into(fd, want);
    if (r < 0) say("%s: %s\n", label, ct_errname(errno));
    else say("%s: child %s\n", label, ct_wait((pid_t)r));
}

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_cinto"), 0755));
    RET(mkdir(cg_path("ct_cinto/a"), 0755));
    int fd = open(cg_path("ct_cinto"), O_RDONLY | O_DIRECTORY);
    int pfd = open(cg_path("ct_cinto/a"), O_PATH | O_DIRECTORY);
    try_spawn("into ct_cinto", fd, "0::/ct_cinto\n");
    try_spawn("into a (O_PATH)", pfd, "0::/ct_cinto/a\n");
    cg_show_proc("parent stays", 0);
    int file = open(cg_path("ct_cinto/cgroup.procs"), O_RDONLY);
    try_spawn("cgroup.procs descriptor", file, "");
    int tmp = open("/tmp", O_RDONLY | O_DIRECTORY);
    try_spawn("/tmp descriptor", tmp, "");
    try_spawn("bad descriptor", 999, "");

    // The target's pids.max applies.
    char buf[256];
    cg_read("cgroup.subtree_control", buf, sizeof buf);
    int had_pids = strstr(buf, "pids") != NULL;
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "+pids");
    CG_WRITE("ct_cinto/pids.max", "0");
    try_spawn("into ct_cinto at pids.max 0", fd, "0::/ct_cinto\n");
    cg_show("ct_cinto/pids.events");
    CG_WRITE("ct_cinto/pids.max", "max");

    // No internal processes beside a populated child once a controller is enabled.
    int p[2];
    RET(pipe(p));
    pid_t k = cg_sleeper(p, 0);
    RET(cg_move("ct_cinto/a", k));
    CG_WRITE("ct_cinto/cgroup.subtree_control", "+pids");
    try_spawn("into ct_cinto with a populated", fd, "0::/ct_cinto\n");
    close(p[1]);
    say("k: %s\n", ct_wait(k));
    CG_WRITE("ct_cinto/cgroup.subtree_control", "-pids");
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "-pids");

    RET(rmdir(cg_path("ct_cinto/a")));
    try_spawn("into removed a", pfd, "");
    close(fd);
    close(pfd);
    close(file);
    close(tmp);
    RET(rmdir(cg_path("ct_cinto")));
    cg_teardown();
    return 0;
}
