// SPDX-License-Identifier: MIT
// cgroup.events "populated": set while a process lives in the cgroup or below, cleared when the
// last one exits (a zombie no longer counts) or moves out; rmdir with only a zombie left.
#include "contract.h"
#include "cg.h"
#include <sys/wait.h>

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_pop"), 0755));
    RET(mkdir(cg_path("ct_pop/in"), 0755));
    cg_show("ct_pop/cgroup.events");
    int p[2];
    RET(pipe(p));
    pid_t c = cg_sleeper(p, 7);
    close(p[0]);
    RET(cg_move("ct_pop/in", c));
    cg_show("ct_pop/cgroup.events");
    cg_show("ct_pop/in/cgroup.events");
    RET(cg_move("ct_pop", c));
    cg_show("ct_pop/in/cgroup.events");
    cg_show("ct_pop/cgroup.events");
    RET(cg_move("ct_pop/in", c));

    // Exit: populated drops at exit, before the parent reaps.
    close(p[1]);
    siginfo_t si;
    RET(waitid(P_PID, c, &si, WEXITED | WNOWAIT));
    cg_show("ct_pop/in/cgroup.events");
    cg_show("ct_pop/cgroup.events");
    say("procs lines with zombie: %d\n", cg_count("ct_pop/in", "cgroup.procs"));
    RET(rmdir(cg_path("ct_pop/in")));
    say("child: %s\n", ct_wait(c));
    cg_show("ct_pop/cgroup.events");
    RET(rmdir(cg_path("ct_pop")));
    cg_teardown();
    return 0;
}
