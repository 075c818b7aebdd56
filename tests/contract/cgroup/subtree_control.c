// SPDX-License-Identifier: MIT
// cgroup.subtree_control: the syntax, enabling only what the parent offers (ENOENT), disabling
// while a child still uses it (EBUSY), and the "no internal processes" rule for a threaded
// controller such as pids (EBUSY only once a child is populated).
#include "contract.h"
#include "cg.h"

int main(void)
{
    cg_setup();
    char buf[256];
    cg_read("cgroup.subtree_control", buf, sizeof buf);
    int had_pids = strstr(buf, "pids") != NULL;
    if (had_pids) CG_WRITE("cgroup.subtree_control", "-pids");
    RET(mkdir(cg_path("ct_stc"), 0755));
    RET(mkdir(cg_path("ct_stc/a"), 0755));
    CG_WRITE("ct_stc/cgroup.subtree_control", "+pids");
    CG_WRITE("ct_stc/cgroup.subtree_control", "+bogus");
    CG_WRITE("ct_stc/cgroup.subtree_control", "pids");
    CG_WRITE("ct_stc/cgroup.subtree_control", "-bogus");
    CG_WRITE("ct_stc/cgroup.subtree_control", "");
    CG_WRITE("ct_stc/cgroup.subtree_control", "-pids");
    cg_show("ct_stc/cgroup.controllers");

    CG_WRITE("cgroup.subtree_control", "+pids");
    cg_show("ct_stc/cgroup.controllers");
    cg_show("ct_stc/a/cgroup.controllers");
    CG_WRITE("ct_stc/cgroup.subtree_control", "+pids -pids");
    cg_show("ct_stc/cgroup.subtree_control");
    CG_WRITE("ct_stc/cgroup.subtree_control", "  +pids\n");
    cg_show("ct_stc/cgroup.subtree_control");
    cg_show("ct_stc/a/cgroup.controllers");
    FACT("a has pids.max", access(cg_path("ct_stc/a/pids.max"), F_OK) == 0);
    CG_WRITE("ct_stc/cgroup.subtree_control", "+pids");
    CG_WRITE("cgroup.subtree_control", "-pids");   // ct_stc still uses it

    int p[2];
    RET(pipe(p));
    pid_t x = cg_sleeper(p, 0), y = cg_sleeper(p, 0), z = cg_sleeper(p, 0);
    // A process may join a cgroup with a threaded controller enabled while no child is populated;
    // the cgroup then is a thread root, whose domain children are invalid.
    say("x into ct_stc (children empty): %s\n", cg_res(cg_move("ct_stc", x)));
    cg_show("ct_stc/cgroup.type");
    cg_show("ct_stc/a/cgroup.type");
    say("y into a: %s\n", cg_res(cg_move("ct_stc/a", y)));
    CG_WRITE("ct_stc/a/cgroup.subtree_control", "+pids");
    say("x again (already there): %s\n", cg_res(cg_move("ct_stc", x)));
    // Without the controller the child is a domain again and may be populated.
    CG_WRITE("ct_stc/cgroup.subtree_control", "-pids");
    cg_show("ct_stc/cgroup.type");
    cg_show("ct_stc/a/cgroup.type");
    say("y into a: %s\n", cg_res(cg_move("ct_stc/a", y)));
    // Members and a populated child: enabling is refused.
    CG_WRITE("ct_stc/cgroup.subtree_control", "+pids");
    RET(cg_move("", x));
    // No members but a populated child: enabling works, joining does not.
    CG_WRITE("ct_stc/cgroup.subtree_control", "+pids");
    cg_show("ct_stc/cgroup.subtree_control");
    say("z into ct_stc (a populated): %s\n", cg_res(cg_move("ct_stc", z)));
    cg_show("ct_stc/cgroup.type");
    RET(cg_move("", y));
    say("z into ct_stc (a empty): %s\n", cg_res(cg_move("ct_stc", z)));
    cg_show("ct_stc/cgroup.type");
    RET(cg_move("", z));

    close(p[1]);
    say("x: %s\n", ct_wait(x));
    say("y: %s\n", ct_wait(y));
    say("z: %s\n", ct_wait(z));
    CG_WRITE("ct_stc/cgroup.subtree_control", "-pids");
    RET(rmdir(cg_path("ct_stc/a")));
    RET(rmdir(cg_path("ct_stc")));
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "-pids");
    cg_teardown();
    return 0;
}
