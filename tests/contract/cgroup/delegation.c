// SPDX-License-Identifier: MIT
// Delegating a subtree to an unprivileged user: chown of the directory and its cgroup.procs
// lets that user create children and move its own processes inside the subtree, not out of it.
#include "contract.h"
#include "cg.h"

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_deleg"), 0755));
    RET(chown(cg_path("ct_deleg"), 1000, 1000));
    RET(chown(cg_path("ct_deleg/cgroup.procs"), 1000, 1000));
    RET(chown(cg_path("ct_deleg/cgroup.subtree_control"), 1000, 1000));
    struct stat st;
    RET(stat(cg_path("ct_deleg/cgroup.procs"), &st));
    say("procs owner %u mode %o\n", st.st_uid, st.st_mode & 07777);
    RET(chmod(cg_path("ct_deleg/cgroup.procs"), 0664));
    RET(stat(cg_path("ct_deleg/cgroup.procs"), &st));
    say("procs mode after chmod %o\n", st.st_mode & 07777);
    RET(stat(cg_path("ct_deleg/cgroup.threads"), &st));
    say("threads owner %u\n", st.st_uid);

    int res[2];
    RET(pipe(res));
    pid_t c = fork();
    if (c == 0) {
        char out[1024];
        int n = 0;
        if (cg_move("ct_deleg", 0)) _exit(9);
        ct_become_user();
        n += snprintf(out + n, sizeof out - n, "mkdir sub: %s\n", mkdir(cg_path("ct_deleg/sub"), 0755) ? ct_errname(errno) : "ok");
        struct stat s2;
        stat(cg_path("ct_deleg/sub/cgroup.procs"), &s2);
        n += snprintf(out + n, sizeof out - n, "sub procs owner %u\n", s2.st_uid);
        n += snprintf(out + n, sizeof out - n, "mkdir in root: %s\n", mkdir(cg_path("ct_deleg_no"), 0755) ? ct_errname(errno) : "ok");
        n += snprintf(out + n, sizeof out - n, "move self to sub: %s\n", cg_res(cg_move("ct_deleg/sub", 0)));
        n += snprintf(out + n, sizeof out - n, "move self back up: %s\n", cg_res(cg_move("ct_deleg", 0)));
        n += snprintf(out + n, sizeof out - n, "move self to root: %s\n", cg_res(cg_move("", 0)));
        n += snprintf(out + n, sizeof out - n, "move init: %s\n", cg_res(cg_move("ct_deleg", 1)));
        n += snprintf(out + n, sizeof out - n, "root's max.depth: %s\n", cg_res(cg_write("cgroup.max.depth", "5")));
        char b[128];
        ct_read_file("/proc/self/cgroup", b, sizeof b);
        n += snprintf(out + n, sizeof out - n, "cgroup: %s", b);
        write(res[1], out, n);
        _exit(0);
    }
    close(res[1]);
    char buf[1024];
    ssize_t n = ct_read_full(res[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("%s", buf);
    say("child: %s\n", ct_wait(c));
    RET(rmdir(cg_path("ct_deleg/sub")));
    RET(rmdir(cg_path("ct_deleg")));
    cg_teardown();
    return 0;
}
