// SPDX-License-Identifier: MIT
// PTRACE_ATTACH to a process already in a group-stop: the tracer gets a stop to report, and the
// tracee can be resumed and killed by the tracer.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        raise(SIGSTOP);
        _exit(4);
    }
    int st;
    waitpid(pid, &st, WUNTRACED);
    say("stopped: %s\n", pt_desc(st));
    PTSAY("attach", PT(PTRACE_ATTACH, pid, 0, 0));
    st = pt_wait(pid);
    say("after attach: %s\n", pt_desc(st));
    PTSAY("kill", PT(PTRACE_KILL, pid, 0, 0));
    pt_show("end", pid);
    return 0;
}
