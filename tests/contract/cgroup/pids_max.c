// SPDX-License-Identifier: MIT
// The pids controller: pids.max limits fork (EAGAIN) counting every task in the subtree,
// pids.current and pids.events follow, a limit below the current count is accepted, and
// migration is not limited.
#include "contract.h"
#include "cg.h"

// In the cgroup: forks children that wait until told, until fork fails; reports the count of
// successful forks and the errno in the exit status.
static int forker(int limit_forks)
{
    int p[2];
    pipe(p);
    int n = 0, err = 0;
    pid_t kids[16];
    for (int i = 0; i < limit_forks; i++) {
        pid_t k = fork();
        if (k < 0) {
            err = errno;
            break;
        }
        if (k == 0) {
            char x;
            close(p[1]);
            read(p[0], &x, 1);
            _exit(0);
        }
        kids[n++] = k;
    }
    close(p[1]);
    for (int i = 0; i < n; i++) waitpid(kids[i], NULL, 0);
    return n * 16 + (err == EAGAIN ? 1 : err ? 2 : 0);
}

int main(void)
{
    cg_setup();
    char buf[256];
    cg_read("cgroup.subtree_control", buf, sizeof buf);
    int had_pids = strstr(buf, "pids") != NULL;
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "+pids");
    RET(mkdir(cg_path("ct_pids"), 0755));
    cg_show("ct_pids/pids.max");
    cg_show("ct_pids/pids.current");
    cg_show("ct_pids/pids.events");
    CG_WRITE("ct_pids/pids.max", "-1");
    CG_WRITE("ct_pids/pids.max", "abc");
    CG_WRITE("ct_pids/pids.max", "4194305");
    CG_WRITE("ct_pids/pids.max", "99999999999999999999");
    CG_WRITE("ct_pids/pids.max", "4194304");
    cg_show("ct_pids/pids.max");
    CG_WRITE("ct_pids/pids.max", "3");
    cg_show("ct_pids/pids.max");

    int sync[2];
    RET(pipe(sync));
    pid_t c = fork();
    if (c == 0) {
        char x;
        read(sync[0], &x, 1);   // wait until moved
        _exit(forker(8));
    }
    RET(cg_move("ct_pids", c));
    cg_show("ct_pids/pids.current");
    write(sync[1], "x", 1);
    int st;
    waitpid(c, &st, 0);
    int r = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    say("forks before failure: %d, failure %s\n", r / 16, (r & 15) == 1 ? "EAGAIN" : (r & 15) ? "other" : "none");
    cg_show("ct_pids/pids.current");
    cg_show("ct_pids/pids.events");

    // Nested: the parent's limit counts the child's tasks.
    RET(mkdir(cg_path("ct_pids/in"), 0755));
    FACT("no pids.max below a parent without +pids", access(cg_path("ct_pids/in/pids.max"), F_OK) != 0);
    CG_WRITE("ct_pids/cgroup.subtree_control", "+pids");
    cg_show("ct_pids/in/pids.max");
    CG_WRITE("ct_pids/pids.max", "2");
    c = fork();
    if (c == 0) {
        char x;
        read(sync[0], &x, 1);
        _exit(forker(8));
    }
    RET(cg_move("ct_pids/in", c));
    cg_show("ct_pids/pids.current");
    cg_show("ct_pids/in/pids.current");
    write(sync[1], "x", 1);
    waitpid(c, &st, 0);
    r = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    say("nested forks before failure: %d, failure %s\n", r / 16, (r & 15) == 1 ? "EAGAIN" : (r & 15) ? "other" : "none");
    cg_show("ct_pids/pids.events");
    cg_show("ct_pids/in/pids.events");

    // Migration ignores the limit; a lower limit is accepted.
    CG_WRITE("ct_pids/pids.max", "0");
    pid_t kids[2];
    for (int i = 0; i < 2; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            char x;
            read(sync[0], &x, 1);
            _exit(0);
        }
        say("move %d: %s\n", i, cg_res(cg_move("ct_pids", kids[i])));
    }
    cg_show("ct_pids/pids.current");
    cg_show("ct_pids/pids.max");
    write(sync[1], "xx", 2);
    for (int i = 0; i < 2; i++) say("kid %d: %s\n", i, ct_wait(kids[i]));
    cg_show("ct_pids/pids.current");

    CG_WRITE("ct_pids/cgroup.subtree_control", "-pids");
    RET(rmdir(cg_path("ct_pids/in")));
    RET(rmdir(cg_path("ct_pids")));
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "-pids");
    cg_teardown();
    return 0;
}
