// SPDX-License-Identifier: MIT
// Signal-delivery-stops: the tracer sees each signal first (GETSIGINFO), delivers another one
// instead (the handler sees SI_USER from the tracer), rewrites the siginfo (SETSIGINFO), or
// suppresses a fatal one.
#include "pt.h"

static volatile int got_usr2, usr2_code, usr2_from_parent, usr1_code;

static void h(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig == SIGUSR2) {
        got_usr2 = 1;
        usr2_code = si->si_code;
        usr2_from_parent = si->si_pid == getppid();
    } else {
        usr1_code = si->si_code;
    }
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa = {0};
        sa.sa_sigaction = h;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGUSR1, &sa, NULL);
        sigaction(SIGUSR2, &sa, NULL);
        pt_traceme_stop();
        kill(getpid(), SIGUSR1);   // replaced by SIGUSR2
        kill(getpid(), SIGUSR1);   // siginfo rewritten
        kill(getpid(), SIGTERM);   // suppressed
        _exit(got_usr2 | (usr2_code == SI_USER ? 2 : 0) | (usr2_from_parent ? 4 : 0) | (usr1_code == -60 ? 8 : 0));
    }
    pt_show("stop", pid);
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("next", pid);
    siginfo_t si;
    PTSAY("getsiginfo", PT(PTRACE_GETSIGINFO, pid, 0, &si));
    say("si_signo %s si_code %d from self %s\n", ct_signame(si.si_signo), si.si_code, si.si_pid == pid ? "yes" : "no");
    PT(PTRACE_CONT, pid, 0, SIGUSR2);
    pt_show("next", pid);
    PT(PTRACE_GETSIGINFO, pid, 0, &si);
    si.si_code = -60;
    PTSAY("setsiginfo", PT(PTRACE_SETSIGINFO, pid, 0, &si));
    PT(PTRACE_CONT, pid, 0, SIGUSR1);
    pt_show("next", pid);
    PTSAY("cont with 65", PT(PTRACE_CONT, pid, 0, 65));
    unsigned long mask = 0;
    PTSAY("getsigmask", PT(PTRACE_GETSIGMASK, pid, 8, &mask));
    say("mask: %#lx\n", mask);
    PTSAY("getsigmask bad size", PT(PTRACE_GETSIGMASK, pid, 4, &mask));
    mask = 1ul << (SIGUSR2 - 1) | 1ul << (SIGKILL - 1);
    PTSAY("setsigmask", PT(PTRACE_SETSIGMASK, pid, 8, &mask));
    PT(PTRACE_GETSIGMASK, pid, 8, &mask);
    say("mask now: %#lx\n", mask);
    mask = 0;
    PT(PTRACE_SETSIGMASK, pid, 8, &mask);
    PT(PTRACE_CONT, pid, 0, 0);
    pt_show("end", pid);
    return 0;
}
