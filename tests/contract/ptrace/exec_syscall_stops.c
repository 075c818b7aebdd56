// SPDX-License-Identifier: MIT
// execve under PTRACE_SYSCALL with PTRACE_O_TRACEEXEC: enter stop, PTRACE_EVENT_EXEC, then the
// exit stop of execve (orig_rax still execve, rax 0) in the new image; a failing execve has its
// error at the exit stop and no event.
#include "pt.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "child") == 0) return 3;
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        char *av[] = {(char *)ct_exe, (char *)ct_name, "child", NULL};
        pt_raw(SYS_execve, (long)"/nonexistent", (long)av, (long)environ, 0);
        pt_raw(SYS_execve, (long)ct_exe, (long)av, (long)environ, 0);
        _exit(90);
    }
    pt_show("stop", pid);
    PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC);
    for (int i = 0; i < 6; i++) {
        PT(PTRACE_SYSCALL, pid, 0, 0);
        int st = pt_wait(pid);
        struct user_regs_struct r;
        PT(PTRACE_GETREGS, pid, 0, &r);
        say("%s orig_rax %ld rax %ld\n", pt_desc(st), (long)r.orig_rax, (long)r.rax);
    }
    PT(PTRACE_CONT, pid, 0, 0);
    for (;;) {
        int st = pt_wait(pid);
        if (!WIFSTOPPED(st)) {
            say("end: %s\n", pt_desc(st));
            break;
        }
        PT(PTRACE_CONT, pid, 0, WSTOPSIG(st) == SIGCHLD ? 0 : 0);
    }
    return 0;
}
