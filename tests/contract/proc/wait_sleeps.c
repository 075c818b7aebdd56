// SPDX-License-Identifier: MIT
// A parent waiting for one child sleeps while another child it does not ask for is a zombie (and
// while a child of another kind, or another process group, changes state): the unrelated
// zombie must not wake the wait over and over. A second child samples the parent's state in
// /proc while it waits.
#include "contract.h"
#include <sys/wait.h>

// Forks a child that samples the parent 40 times and exits 0 if it was asleep every time.
static pid_t sampler(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pid_t ppid = getppid();
        if (ct_wait_blocked(ppid)) _exit(2);
        int awake = 0;
        for (int i = 0; i < 40; i++) {
            char s = ct_proc_state(ppid);
            if (s != 'S') awake++;
            ct_msleep(5);
        }
        _exit(awake ? 1 : 0);
    }
    return pid;
}

static void case_wait(const char *label, int how)
{
    pid_t zombie = fork();
    if (zombie == 0) _exit(7);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    // Let it die without reaping it.
    waitid(P_PID, zombie, &si, WEXITED | WNOWAIT);
    pid_t s = sampler();
    int st = 0;
    pid_t r;
    if (how == 0) r = waitpid(s, &st, 0);
    else {
        memset(&si, 0, sizeof si);
        r = waitid(P_PID, s, &si, WEXITED) == 0 ? si.si_pid : -1;
        st = si.si_status << 8;
    }
    say("%s: waited the sampler %d, it saw the parent asleep: %s\n", label, r == s,
        WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "always" : WEXITSTATUS(st) == 2 ? "never" : "not always");
    say("%s: the zombie is still there: %s\n", label, ct_wait(zombie));
}

int main(void)
{
    case_wait("waitpid", 0);
    case_wait("waitid", 1);
    return 0;
}
