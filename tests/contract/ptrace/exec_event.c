// SPDX-License-Identifier: MIT
// execve under ptrace: a PTRACE_TRACEME tracee gets a SIGTRAP after a successful exec; with
// PTRACE_O_TRACEEXEC it stops in PTRACE_EVENT_EXEC instead (message: its former thread id).
// A failing exec reports nothing.
#include "pt.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "child") == 0) return 3;
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            pt_traceme_stop();
            execl("/nonexistent", "x", (char *)NULL);
            ct_exec_self("child", NULL);
            _exit(90);
        }
        pt_show("stop", pid);
        if (round == 1) PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXEC));
        PT(PTRACE_CONT, pid, 0, 0);
        int st = pt_wait(pid);
        say("after exec: %s\n", pt_desc(st));
        if (round == 1) {
            unsigned long msg = 0;
            PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
            say("message is the pid: %s\n", (pid_t)msg == pid ? "yes" : "no");
        } else {
            siginfo_t si;
            PT(PTRACE_GETSIGINFO, pid, 0, &si);
            say("siginfo: %s code %d\n", ct_signame(si.si_signo), si.si_code);
        }
        PT(PTRACE_CONT, pid, 0, 0);
        pt_show("end", pid);
    }
    return 0;
}
