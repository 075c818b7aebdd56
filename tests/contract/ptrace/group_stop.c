// SPDX-License-Identifier: MIT
// A stop signal under PTRACE_ATTACH/TRACEME tracing: first a signal-delivery-stop (siginfo
// available), then, if the tracer passes it on, a group-stop (same status, no siginfo: EINVAL);
// PTRACE_CONT resumes the tracee from the group-stop; SIGCONT is then a signal like any other.
#include "pt.h"

int main(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[1]);
        pt_traceme_stop();
        char c;
        ssize_t r;
        do r = read(p[0], &c, 1); while (r == -1 && errno == EINTR);
        _exit(r == 1 ? 9 : 10);
    }
    close(p[0]);
    pt_show("stop", pid);
    PT(PTRACE_CONT, pid, 0, 0);
    ct_wait_blocked(pid);
    kill(pid, SIGSTOP);
    pt_show("signal", pid);
    siginfo_t si;
    PTSAY("getsiginfo", PT(PTRACE_GETSIGINFO, pid, 0, &si));
    say("si_code %d from us %s\n", si.si_code, si.si_pid == getpid() ? "yes" : "no");
    PT(PTRACE_CONT, pid, 0, SIGSTOP);
    pt_show("group-stop", pid);
    PTSAY("getsiginfo in group-stop", PT(PTRACE_GETSIGINFO, pid, 0, &si));
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) > 0) {
        char *s = strrchr(buf, ')');
        if (s) say("stat state: %c\n", s[2]);
    }
    PT(PTRACE_CONT, pid, 0, 0);
    ct_wait_blocked(pid);
    kill(pid, SIGCONT);
    pt_show("signal", pid);
    PT(PTRACE_CONT, pid, 0, 0);
    ct_wait_blocked(pid);
    write(p[1], "x", 1);
    pt_show("end", pid);
    return 0;
}
