// SPDX-License-Identifier: MIT
// A small strace: PTRACE_SYSCALL with PTRACE_O_TRACESYSGOOD over a child making a fixed sequence
// of raw system calls; every enter and exit stop is printed with the number and the result.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        pt_raw(SYS_getuid, 0, 0, 0, 0);
        pt_raw(SYS_close, 999, 0, 0, 0);
        pt_raw(SYS_umask, 022, 0, 0, 0);
        pt_raw(SYS_write, 1, (long)"", 0, 0);
        pt_raw(SYS_getpid, 0, 0, 0, 0);
        pt_raw(SYS_sched_yield, 0, 0, 0, 0);
        pt_raw(SYS_exit_group, 3, 0, 0, 0);
        _exit(99);
    }
    pt_show("attached", pid);
    PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD));
    int entering = 1;
    for (int i = 0; i < 40; i++) {
        if (PT(PTRACE_SYSCALL, pid, 0, 0) < 0) break;
        int st = pt_wait(pid);
        if (!WIFSTOPPED(st)) {
            say("end: %s\n", pt_desc(st));
            break;
        }
        if (WSTOPSIG(st) != (SIGTRAP | 0x80)) {
            say("other stop: %s\n", pt_desc(st));
            continue;
        }
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, pid, 0, &r);
        if (entering) say("enter %ld rax=%ld\n", (long)r.orig_rax, (long)r.rax);
        else say("exit  %ld = %ld\n", (long)r.orig_rax, r.orig_rax == SYS_getpid ? (long)(r.rax == (unsigned long)pid) : (long)r.rax);
        entering = !entering;
    }
    return 0;
}
