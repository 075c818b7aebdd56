// SPDX-License-Identifier: MIT
// PTRACE_ATTACH stops the target with SIGSTOP; PTRACE_DETACH lets it run on (TracerPid back to
// 0), optionally delivering a signal; detaching a running tracee is ESRCH.
#include "pt.h"

static void h(int s) { _exit(s == SIGUSR1 ? 21 : 22); }

static int tracer_of(pid_t pid)
{
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) < 0) return -1;
    char *t = strstr(buf, "TracerPid:");
    return t ? atoi(t + 10) : -1;
}

int main(void)
{
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            signal(SIGUSR1, h);
            for (;;) pause();
        }
        ct_wait_blocked(pid);   // its handler is in place
        PTSAY("attach", PT(PTRACE_ATTACH, pid, 0, 0));
        pt_show("stop", pid);
        say("traced by us: %s\n", tracer_of(pid) == getpid() ? "yes" : "no");
        PTSAY("detach bad signal", PT(PTRACE_DETACH, pid, 0, 70));
        PTSAY("detach", PT(PTRACE_DETACH, pid, 0, round ? SIGUSR1 : 0));
        say("tracer after detach: %d\n", tracer_of(pid));
        PTSAY("detach again", PT(PTRACE_DETACH, pid, 0, 0));
        if (!round) {
            ct_wait_blocked(pid);
            kill(pid, SIGTERM);
        }
        say("end: %s\n", ct_wait(pid));
    }
    return 0;
}
