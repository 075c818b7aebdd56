// SPDX-License-Identifier: MIT
// Skipping a syscall at its enter stop: orig_rax -1 and the call never runs; rax stays -ENOSYS
// unless the tracer sets it. Changing the number runs another call.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        long a = pt_raw(SYS_kill, pt_raw(SYS_getpid, 0, 0, 0, 0), SIGKILL, 0, 0);   // skipped
        long b = pt_raw(SYS_exit_group, 9, 0, 0, 0);                                 // skipped, rax 77
        long c = pt_raw(SYS_getuid, 0, 0, 0, 0);                                     // becomes umask(0)
        long d = pt_raw(SYS_umask, 0, 0, 0, 0);
        _exit((a == -ENOSYS ? 1 : 0) | (b == 77 ? 2 : 0) | (c == 022 ? 4 : 0) | (d == 0 ? 8 : 0));
    }
    pt_show("stop", pid);
    PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
    struct user_regs_struct r;
    for (int n = 0; n < 12; n++) {
        if (PT(PTRACE_SYSCALL, pid, 0, 0) < 0) break;
        int st = pt_wait(pid);
        if (!WIFSTOPPED(st)) {
            say("end: %s\n", pt_desc(st));
            return 0;
        }
        PT(PTRACE_GETREGS, pid, 0, &r);
        long nr = (long)r.orig_rax;
        if (nr == SYS_kill || nr == SYS_exit_group) {
            say("skipping %s\n", nr == SYS_kill ? "kill" : "exit_group");
            r.orig_rax = -1;
            if (nr == SYS_exit_group) r.rax = 77;
            PT(PTRACE_SETREGS, pid, 0, &r);
            PT(PTRACE_SYSCALL, pid, 0, 0);
            st = pt_wait(pid);
            PT(PTRACE_GETREGS, pid, 0, &r);
            say("exit stop of skipped: %s orig_rax %ld rax %ld\n", pt_desc(st), (long)r.orig_rax, (long)r.rax);
        } else if (nr == SYS_getuid) {
            say("getuid becomes umask\n");
            r.orig_rax = SYS_umask;
            r.rdi = 0;
            PT(PTRACE_SETREGS, pid, 0, &r);
            PT(PTRACE_SYSCALL, pid, 0, 0);
            st = pt_wait(pid);
            PT(PTRACE_GETREGS, pid, 0, &r);
            say("exit: orig_rax is umask %s, rax %#lo\n", r.orig_rax == SYS_umask ? "yes" : "no", (long)r.rax);
        }
    }
    return 0;
}
