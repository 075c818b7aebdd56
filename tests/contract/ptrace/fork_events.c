// SPDX-License-Identifier: MIT
// PTRACE_O_TRACEFORK/TRACEVFORK/TRACEVFORKDONE: the forking tracee stops with the event (its
// message is the new pid), the new child starts traced, in a SIGSTOP stop of its own.
#include "pt.h"

// The next stop of pid that is not a SIGCHLD (the tracee's own children exit meanwhile).
static int next_stop(pid_t pid)
{
    for (;;) {
        int st = pt_wait(pid);
        if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGCHLD) return st;
        PT(PTRACE_CONT, pid, 0, 0);
    }
}

static void follow(pid_t pid, const char *what)
{
    int st = next_stop(pid);
    say("%s: %s\n", what, pt_desc(st));
    unsigned long msg = 0;
    PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
    pid_t child = (pid_t)msg;
    int cst = pt_wait(child);
    say("%s child first stop: %s\n", what, pt_desc(cst));
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/status", (int)child);
    if (ct_read_file(path, buf, sizeof buf) > 0) {
        char *t = strstr(buf, "TracerPid:");
        say("%s child traced by us: %s\n", what, t && atoi(t + 10) == getpid() ? "yes" : "no");
    }
    PT(PTRACE_CONT, child, 0, 0);
    if (strcmp(what, "vfork") == 0) {
        PT(PTRACE_CONT, pid, 0, 0);
        // The child exits, then the parent reports vfork-done.
        say("vfork child end: %s\n", pt_desc(pt_wait(child)));
        say("vfork parent: %s\n", pt_desc(next_stop(pid)));
        PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
        say("vfork-done message is the child: %s\n", (pid_t)msg == child ? "yes" : "no");
        PT(PTRACE_CONT, pid, 0, 0);
        return;
    }
    say("%s child end: %s\n", what, pt_desc(pt_wait(child)));
    PT(PTRACE_CONT, pid, 0, 0);
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        pid_t c = fork();
        if (c == 0) _exit(4);
        int st;
        waitpid(c, &st, 0);
        pid_t v = vfork();
        if (v == 0) _exit(5);
        waitpid(v, &st, 0);
        _exit(WEXITSTATUS(st));
    }
    pt_show("stop", pid);
    PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE));
    PT(PTRACE_CONT, pid, 0, 0);
    follow(pid, "fork");
    follow(pid, "vfork");
    say("end: %s\n", pt_desc(next_stop(pid)));
    return 0;
}
