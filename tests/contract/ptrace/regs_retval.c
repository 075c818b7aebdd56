// SPDX-License-Identifier: MIT
// GETREGS/SETREGS around a syscall: at the enter stop orig_rax is the number and rax -ENOSYS; an
// argument changed there is what the call uses; at the exit stop the tracer changes the result.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        long a = pt_raw(SYS_getuid, 0, 0, 0, 0);
        long b = pt_raw(SYS_dup, 1000, 0, 0, 0);   // the tracer makes it dup(1)
        _exit((a == 1234 ? 1 : 0) | (b >= 3 ? 2 : 0));
    }
    pt_show("stop", pid);
    PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD));
    struct user_regs_struct r;
    PT(PTRACE_SYSCALL, pid, 0, 0);
    say("enter: %s\n", pt_desc(pt_wait(pid)));
    PTSAY("getregs", PT(PTRACE_GETREGS, pid, 0, &r));
    say("orig_rax is getuid: %s, rax: %ld\n", r.orig_rax == SYS_getuid ? "yes" : "no", (long)r.rax);
    say("cs %#lx ss %#lx ds %lu\n", (unsigned long)r.cs, (unsigned long)r.ss, (unsigned long)r.ds);
    PT(PTRACE_SYSCALL, pid, 0, 0);
    say("exit: %s\n", pt_desc(pt_wait(pid)));
    PT(PTRACE_GETREGS, pid, 0, &r);
    say("result: %ld\n", (long)r.rax);
    r.rax = 1234;
    PTSAY("setregs", PT(PTRACE_SETREGS, pid, 0, &r));
    PT(PTRACE_SYSCALL, pid, 0, 0);
    say("enter dup: %s\n", pt_desc(pt_wait(pid)));
    PT(PTRACE_GETREGS, pid, 0, &r);
    say("arg: %ld\n", (long)r.rdi);
    r.rdi = 1;
    PTSAY("setregs arg", PT(PTRACE_SETREGS, pid, 0, &r));
    struct user_regs_struct bad = r;
    bad.cs = 0x10;
    PTSAY("setregs bad cs", PT(PTRACE_SETREGS, pid, 0, &bad));
    bad = r;
    bad.fs_base = 0xffff800000000000ul;
    PTSAY("setregs bad fs_base", PT(PTRACE_SETREGS, pid, 0, &bad));
    PT(PTRACE_SYSCALL, pid, 0, 0);
    say("exit dup: %s\n", pt_desc(pt_wait(pid)));
    PTSAY("cont", PT(PTRACE_CONT, pid, 0, 0));
    pt_show("end", pid);
    return 0;
}
