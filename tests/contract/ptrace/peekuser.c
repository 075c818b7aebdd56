// SPDX-License-Identifier: MIT
// PEEKUSER/POKEUSER on struct user: the register area matches GETREGS, the debug registers read
// as zero, the rest reads as zero and cannot be written; POKEUSER changes one register.
#include "pt.h"

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        long v = pt_raw(SYS_getuid, 0, 0, 0, 0);
        _exit(v == 55 ? 1 : 2);
    }
    pt_show("stop", pid);
    struct user_regs_struct r;
    PT(PTRACE_GETREGS, pid, 0, &r);
    int same = 1;
    for (size_t off = 0; off < sizeof r; off += 8) {
        errno = 0;
        long v = ptrace(PTRACE_PEEKUSER, pid, (void *)off, 0);
        if (errno || v != ((long *)&r)[off / 8]) same = 0;
    }
    say("register area matches getregs: %s\n", same ? "yes" : "no");
    for (int i = 0; i < 8; i++) {
        if (i == 4 || i == 5) continue;
        errno = 0;
        long v = ptrace(PTRACE_PEEKUSER, pid, (void *)(offsetof(struct user, u_debugreg) + 8 * i), 0);
        say("dr%d: %ld %s\n", i, v, ct_errname(errno));
    }
    errno = 0;
    long mid = ptrace(PTRACE_PEEKUSER, pid, (void *)offsetof(struct user, u_tsize), 0);
    say("u_tsize: %ld %s\n", mid, ct_errname(errno));
    PTSAY("poke u_tsize", PT(PTRACE_POKEUSER, pid, offsetof(struct user, u_tsize), 1));
    PTSAY("poke dr0", PT(PTRACE_POKEUSER, pid, offsetof(struct user, u_debugreg), 0x1000));
    errno = 0;
    long dr0 = ptrace(PTRACE_PEEKUSER, pid, (void *)offsetof(struct user, u_debugreg), 0);
    say("dr0 now: %#lx\n", dr0);
    PTSAY("poke dr0 back", PT(PTRACE_POKEUSER, pid, offsetof(struct user, u_debugreg), 0));
    PTSAY("options", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD));
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("enter", pid);
    PT(PTRACE_SYSCALL, pid, 0, 0);
    pt_show("exit", pid);
    PTSAY("poke rax", PT(PTRACE_POKEUSER, pid, offsetof(struct user_regs_struct, rax), 55));
    errno = 0;
    long orig = ptrace(PTRACE_PEEKUSER, pid, (void *)offsetof(struct user_regs_struct, orig_rax), 0);
    say("orig_rax is getuid: %s\n", orig == SYS_getuid ? "yes" : "no");
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("end", pid);
    return 0;
}
