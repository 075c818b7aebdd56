// SPDX-License-Identifier: MIT
// PTRACE_O_TRACEEXIT: the tracee stops in PTRACE_EVENT_EXIT before it exits, with the exit status
// as the message; registers can still be read. A SIGKILL exit makes no such stop.
#include "pt.h"

int main(void)
{
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            pt_traceme_stop();
            if (round == 1) pt_raw(SYS_kill, pt_raw(SYS_getpid, 0, 0, 0, 0), SIGKILL, 0, 0);
            _exit(5);
        }
        pt_show("stop", pid);
        PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEEXIT));
        PT(PTRACE_CONT, pid, 0, 0);
        int st = pt_wait(pid);
        say("next: %s\n", pt_desc(st));
        if (WIFSTOPPED(st)) {
            unsigned long msg = 0;
            PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
            say("message: %#lx\n", msg);
            struct user_regs_struct r;
            PTSAY("getregs", PT(PTRACE_GETREGS, pid, 0, &r));
            say("orig_rax is exit_group: %s\n", r.orig_rax == SYS_exit_group ? "yes" : "no");
            PT(PTRACE_CONT, pid, 0, 0);
            pt_show("end", pid);
        }
    }
    return 0;
}
