// SPDX-License-Identifier: MIT
// GETFPREGS/SETFPREGS (the FXSAVE image: MXCSR's rounding mode changed by the tracer changes the
// tracee's lrint) and GETREGSET/SETREGSET for NT_PRSTATUS and NT_PRFPREG (lengths written back).
#include "pt.h"
#include <math.h>

static volatile double x = 2.7;

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        long v;
        __asm__ volatile("cvtsd2si %1, %0" : "=r"(v) : "x"(x));
        _exit((int)v);
    }
    pt_show("stop", pid);
    struct user_fpregs_struct fp;
    PTSAY("getfpregs", PT(PTRACE_GETFPREGS, pid, 0, &fp));
    say("mxcsr %#x cwd %#x\n", fp.mxcsr, fp.cwd);
    struct user_fpregs_struct bad = fp;
    bad.mxcsr |= 1u << 20;
    PTSAY("setfpregs reserved mxcsr", PT(PTRACE_SETFPREGS, pid, 0, &bad));
    fp.mxcsr |= 3u << 13;   // round toward zero
    PTSAY("setfpregs", PT(PTRACE_SETFPREGS, pid, 0, &fp));
    struct user_fpregs_struct fp2;
    struct iovec iov = {&fp2, sizeof fp2 + 64};
    PTSAY("getregset fp", PT(PTRACE_GETREGSET, pid, NT_PRFPREG, &iov));
    say("fp length %zu mxcsr %#x\n", iov.iov_len, fp2.mxcsr);
    struct user_regs_struct r, r2;
    PT(PTRACE_GETREGS, pid, 0, &r);
    iov.iov_base = &r2;
    iov.iov_len = sizeof r2;
    PTSAY("getregset prstatus", PT(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov));
    say("prstatus length %zu same as getregs %s\n", iov.iov_len, memcmp(&r, &r2, sizeof r) == 0 ? "yes" : "no");
    iov.iov_len = 16;
    memset(&r2, 0, sizeof r2);
    PTSAY("short getregset", PT(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov));
    say("short length %zu r15 same %s r13 zero %s\n", iov.iov_len, r2.r15 == r.r15 ? "yes" : "no", r2.r13 == 0 ? "yes" : "no");
    iov.iov_base = &r;
    iov.iov_len = sizeof r;
    PTSAY("setregset prstatus", PT(PTRACE_SETREGSET, pid, NT_PRSTATUS, &iov));
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("end", pid);
    return 0;
}
