// SPDX-License-Identifier: MIT
// cgroup.kill: writing 1 sends SIGKILL to every process in the subtree (and nothing outside);
// other values are refused.
#include "contract.h"
#include "cg.h"

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_kill"), 0755));
    RET(mkdir(cg_path("ct_kill/in"), 0755));
    RET(mkdir(cg_path("ct_kill_other"), 0755));
    int p[2];
    RET(pipe(p));
    pid_t a = cg_sleeper(p, 0), b = cg_sleeper(p, 0), o = cg_sleeper(p, 0);
    RET(cg_move("ct_kill", a));
    RET(cg_move("ct_kill/in", b));
    RET(cg_move("ct_kill_other", o));
    CG_WRITE("ct_kill/cgroup.kill", "2");
    CG_WRITE("ct_kill/cgroup.kill", "0");
    CG_WRITE("ct_kill/cgroup.kill", "x");
    CG_WRITE("ct_kill/cgroup.kill", "99999999999");
    FACT("root has no cgroup.kill", access(cg_path("cgroup.kill"), F_OK) != 0);
    CG_WRITE("ct_kill/cgroup.kill", "1\n");
    say("a: %s\n", ct_wait(a));
    say("b: %s\n", ct_wait(b));
    cg_show("ct_kill/cgroup.events");
    FACT("other still alive", kill(o, 0) == 0);
    close(p[1]);
    say("o: %s\n", ct_wait(o));
    CG_WRITE("ct_kill/cgroup.kill", "1");   // nothing left to kill
    RET(rmdir(cg_path("ct_kill/in")));
    RET(rmdir(cg_path("ct_kill")));
    RET(rmdir(cg_path("ct_kill_other")));
    cg_teardown();
    return 0;
}
