// SPDX-License-Identifier: MIT
// PTRACE_SINGLESTEP: each step runs one instruction and stops with SIGTRAP (si_code TRAP_TRACE);
// the trap flag the debugger sets is not visible in the registers.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) _exit(100);
        long self = pt_raw(SYS_getpid, 0, 0, 0, 0);
        long rax = SYS_kill;
        __asm__ volatile(
            "syscall\n\t"
            "nop\n\t"
            "nop\n\t"
            "addq $1, %%rax\n\t"
            "nop\n\t"
            : "+a"(rax)
            : "D"(self), "S"((long)SIGSTOP)
            : "rcx", "r11", "memory");
        _exit(0);
    }
    pt_show("stop", pid);
    struct user_regs_struct r;
    PT(PTRACE_GETREGS, pid, 0, &r);
    unsigned long base = r.rip;
    for (int i = 0; i < 4; i++) {
        PTSAY("step", PT(PTRACE_SINGLESTEP, pid, 0, 0));
        int st = pt_wait(pid);
        PT(PTRACE_GETREGS, pid, 0, &r);
        siginfo_t si;
        PT(PTRACE_GETSIGINFO, pid, 0, &si);
        say("%s rip +%lu code %d tf %lu rax %ld\n", pt_desc(st), r.rip - base, si.si_code, (r.eflags >> 8) & 1, (long)r.rax);
    }
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("end", pid);
    return 0;
}
