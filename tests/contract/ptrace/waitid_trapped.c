// SPDX-License-Identifier: MIT
// waitid on a tracee: stops are CLD_TRAPPED with the whole stop code as si_status, reported even
// with WEXITED alone; WNOWAIT leaves the stop to be reported again; the tracer's SIGCHLD says
// CLD_TRAPPED too.
#include "pt.h"

static volatile int chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld_code = si->si_code;
    chld_status = si->si_status;
}

static void show(const char *label, pid_t pid, int options)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, pid, &si, options);
    if (r == -1) say("%s: %s\n", label, ct_errname(errno));
    else say("%s: code %d status %#x pid ok %s\n", label, si.si_code, si.si_status, si.si_pid == pid ? "yes" : "no");
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        pt_raw(SYS_getuid, 0, 0, 0, 0);
        _exit(2);
    }
    show("first, WNOWAIT", pid, WEXITED | WSTOPPED | WNOWAIT);
    show("first again", pid, WEXITED);
    say("sigchld: code %d status %d\n", chld_code, chld_status);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    say("nothing more: %d pid %d\n", waitid(P_PID, pid, &si, WEXITED | WNOHANG), si.si_pid);
    PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
    PT(PTRACE_SYSCALL, pid, 0, 0);
    show("syscall stop", pid, WEXITED);
    say("sigchld: code %d status %#x\n", chld_code, chld_status);
    PT(PTRACE_CONT, pid, 0, 0);
    show("end", pid, WEXITED);
    say("sigchld: code %d status %d\n", chld_code, chld_status);
    return 0;
}
