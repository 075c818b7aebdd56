// SPDX-License-Identifier: MIT
// PTRACE_SEIZE: no SIGSTOP; PTRACE_INTERRUPT stops the tracee in PTRACE_EVENT_STOP (SIGTRAP) even
// in a blocking call, which then resumes; a group-stop is PTRACE_EVENT_STOP with the stop signal;
// PTRACE_LISTEN keeps it stopped without requests until SIGCONT makes it trap again.
#include "pt.h"

int main(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        ssize_t r = read(p[0], &c, 1);   // blocks until the parent writes
        _exit(r == 1 ? 12 : 13);
    }
    close(p[0]);
    PTSAY("seize", PT(PTRACE_SEIZE, pid, 0, 0));
    ct_wait_blocked(pid);
    int st;
    say("nothing to report: %d\n", waitpid(pid, &st, WNOHANG | __WALL));
    PTSAY("interrupt", PT(PTRACE_INTERRUPT, pid, 0, 0));
    pt_show("interrupted", pid);
    siginfo_t si;
    PTSAY("getsiginfo", PT(PTRACE_GETSIGINFO, pid, 0, &si));
    say("si_signo %s si_code %#x\n", ct_signame(si.si_signo), si.si_code);
    PT(PTRACE_CONT, pid, 0, 0);
    kill(pid, SIGSTOP);
    pt_show("signal", pid);
    PT(PTRACE_CONT, pid, 0, SIGSTOP);
    pt_show("group-stop", pid);
    PTSAY("listen", PT(PTRACE_LISTEN, pid, 0, 0));
    say("listening, nothing to report: %d\n", waitpid(pid, &st, WNOHANG | __WALL));
    struct user_regs_struct r;
    PTSAY("getregs while listening", PT(PTRACE_GETREGS, pid, 0, &r));
    kill(pid, SIGCONT);
    pt_show("after SIGCONT", pid);
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("signal", pid);
    PT(PTRACE_CONT, pid, 0, 0);
    ct_wait_blocked(pid);
    write(p[1], "x", 1);
    pt_show("end", pid);
    return 0;
}
