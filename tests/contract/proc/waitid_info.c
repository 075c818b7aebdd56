// SPDX-License-Identifier: MIT
// waitid: siginfo fields (si_signo, si_code, si_status, si_pid, si_uid), WNOWAIT leaves the zombie, P_PGID, errors.
#include "contract.h"

static void show(const char *w, siginfo_t *si, pid_t expect)
{
    const char *code = si->si_code == CLD_EXITED ? "CLD_EXITED" : si->si_code == CLD_KILLED ? "CLD_KILLED" :
                       si->si_code == CLD_DUMPED ? "CLD_DUMPED" : si->si_code == CLD_STOPPED ? "CLD_STOPPED" :
                       si->si_code == CLD_CONTINUED ? "CLD_CONTINUED" : "other";
    say("%s: signo=%s code=%s status=%d pid_ok=%d uid=%d\n", w, ct_signame(si->si_signo), code,
        si->si_code == CLD_EXITED ? si->si_status : si->si_code ? si->si_status : 0, si->si_pid == expect, si->si_uid);
}

int main(void)
{
    siginfo_t si;
    pid_t pid = fork();
    if (pid == 0) _exit(17);
    memset(&si, 0, sizeof si);
    RET(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
    show("nowait", &si, pid);
    memset(&si, 0, sizeof si);
    RET(waitid(P_PID, pid, &si, WEXITED));
    show("reaped", &si, pid);
    RET(waitid(P_PID, pid, &si, WEXITED));
    pid = fork();
    if (pid == 0) { setuid(1000); pause(); _exit(0); }
    ct_wait_blocked(pid); // in pause(), so setuid is done
    kill(pid, SIGTERM);
    RET(waitid(P_ALL, 0, &si, WEXITED));
    show("killed", &si, pid);
    int hold[2];
    pipe(hold);
    pid = fork();
    if (pid == 0) { raise(SIGSTOP); ct_sync_wait(hold); _exit(0); }
    RET(waitid(P_PID, pid, &si, WSTOPPED));
    show("stopped", &si, pid);
    kill(pid, SIGCONT);
    RET(waitid(P_PID, pid, &si, WCONTINUED));
    show("continued", &si, pid);
    ct_sync_post(hold);
    RET(waitid(P_PID, pid, &si, WEXITED));
    show("exited", &si, pid);
    int hold2[2];
    pipe(hold2);
    pid = fork();
    if (pid == 0) { ct_sync_wait(hold2); _exit(0); }
    memset(&si, 0xff, sizeof si);
    RET(waitid(P_PID, pid, &si, WEXITED | WNOHANG));
    say("nohang si_pid zero: %d\n", si.si_pid == 0);
    ct_sync_post(hold2);
    RET(waitid(P_PGID, getpgid(0), &si, WEXITED));
    RET(waitid(P_PID, pid, &si, 0));
    RET(waitid(7, 0, &si, WEXITED));
    RET(waitid(P_ALL, 0, &si, WEXITED));
    return 0;
}
