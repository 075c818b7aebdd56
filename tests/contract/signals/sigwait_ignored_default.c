// SPDX-License-Identifier: MIT
// Signals whose default action is to be ignored (SIGWINCH, SIGCHLD, SIGURG) are not dropped when
// they arrive while the target sleeps in sigwait/sigtimedwait for them: a blocked signal is never
// ignored, even while the wait has it unblocked (Linux's real_blocked). The sender waits until the
// child is asleep, so the signal always arrives during the wait.
#include "contract.h"
#include <sys/syscall.h>

static int asleep(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) <= 0) return 0;
    char *p = strrchr(buf, ')');
    return p && p[2] == 'S';
}

static void one(int sig, int use_timeout)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t w;
        sigemptyset(&w);
        sigaddset(&w, sig);
        sigprocmask(SIG_BLOCK, &w, NULL);
        write(p[1], "r", 1);
        siginfo_t si;
        int got;
        if (use_timeout) {
            struct timespec ts = {5, 0};
            got = sigtimedwait(&w, &si, &ts);
        } else {
            got = sigwaitinfo(&w, &si);
        }
        _exit(got == sig ? 0 : 1);
    }
    char c;
    read(p[0], &c, 1);
    for (int i = 0; i < 500 && !asleep(pid); i++) ct_msleep(2);
    ct_msleep(20);
    kill(pid, sig);
    say("%s during %s: %s\n", ct_signame(sig), use_timeout ? "sigtimedwait" : "sigwaitinfo", ct_wait(pid));
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    one(SIGWINCH, 0);
    one(SIGCHLD, 0);
    one(SIGURG, 1);
    one(SIGWINCH, 1);
    return 0;
}
