// SPDX-License-Identifier: MIT
// ptrace's errors as Linux returns them: ESRCH (no such process, not our tracee, not stopped),
// EPERM (self, already traced, another user's process), EIO (bad request, signal, options,
// offsets), EFAULT (bad buffers), EINVAL (bad options for SETOPTIONS, bad regset).
#include "pt.h"

int main(void)
{
    PTSAY("cont on no such pid", PT(PTRACE_CONT, 999999, 0, 0));
    PTSAY("attach no such pid", PT(PTRACE_ATTACH, 999999, 0, 0));
    PTSAY("attach self", PT(PTRACE_ATTACH, getpid(), 0, 0));
    pid_t pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    ct_wait_blocked(pid);
    PTSAY("getregs not traced", PT(PTRACE_GETREGS, pid, 0, 0));
    PTSAY("kill not traced", PT(PTRACE_KILL, pid, 0, 0));
    PTSAY("seize bad options", PT(PTRACE_SEIZE, pid, 0, 1 << 30));
    PTSAY("seize with addr", PT(PTRACE_SEIZE, pid, 1, 0));
    PTSAY("seize", PT(PTRACE_SEIZE, pid, 0, 0));
    PTSAY("seize again", PT(PTRACE_SEIZE, pid, 0, 0));
    PTSAY("attach again", PT(PTRACE_ATTACH, pid, 0, 0));
    struct user_regs_struct r;
    PTSAY("getregs running", PT(PTRACE_GETREGS, pid, 0, &r));
    PTSAY("cont running", PT(PTRACE_CONT, pid, 0, 0));
    PTSAY("unknown request running", PT(0x7777, pid, 0, 0));
    PTSAY("interrupt", PT(PTRACE_INTERRUPT, pid, 0, 0));
    pt_show("stop", pid);
    PTSAY("unknown request", PT(0x7777, pid, 0, 0));
    PTSAY("getregs bad buffer", PT(PTRACE_GETREGS, pid, 0, 8));
    PTSAY("setregs bad buffer", PT(PTRACE_SETREGS, pid, 0, 8));
    PTSAY("getfpregs bad buffer", PT(PTRACE_GETFPREGS, pid, 0, 8));
    PTSAY("getsiginfo bad buffer", PT(PTRACE_GETSIGINFO, pid, 0, 8));
    PTSAY("geteventmsg bad buffer", PT(PTRACE_GETEVENTMSG, pid, 0, 8));
    PTSAY("peekuser unaligned", PT(PTRACE_PEEKUSER, pid, 3, 0));
    PTSAY("peekuser past struct user", PT(PTRACE_PEEKUSER, pid, 4096, 0));
    PTSAY("pokeuser unaligned", PT(PTRACE_POKEUSER, pid, 3, 0));
    PTSAY("setoptions bad", PT(PTRACE_SETOPTIONS, pid, 0, 1 << 30));
    PTSAY("cont bad signal", PT(PTRACE_CONT, pid, 0, 65));
    PTSAY("syscall bad signal", PT(PTRACE_SYSCALL, pid, 0, -1));
    struct iovec iov = {&r, 7};
    PTSAY("getregset odd length", PT(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov));
    iov.iov_len = sizeof r;
    PTSAY("getregset bad type", PT(PTRACE_GETREGSET, pid, 0x999, &iov));
    PTSAY("getregset bad iovec", PT(PTRACE_GETREGSET, pid, NT_PRSTATUS, 8));
    PTSAY("kill", PT(PTRACE_KILL, pid, 0, 0));
    pt_show("end", pid);
    PTSAY("cont after end", PT(PTRACE_CONT, pid, 0, 0));

    // Another user's process: EPERM. The unprivileged child tries to attach to us.
    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        long a = PT(PTRACE_ATTACH, getppid(), 0, 0);
        long s = PT(PTRACE_SEIZE, getppid(), 0, 0);
        _exit((a == -EPERM ? 1 : 0) | (s == -EPERM ? 2 : 0));
    }
    say("unprivileged attach to root: %s\n", ct_wait(c));
    // TRACEME twice and a tracee that is also a tracer's target of another request.
    return 0;
}
