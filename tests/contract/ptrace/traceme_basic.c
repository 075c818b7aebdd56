// SPDX-License-Identifier: MIT
// PTRACE_TRACEME: the child's SIGSTOP becomes a signal-delivery-stop its parent sees through
// waitpid (no WUNTRACED needed); /proc shows the tracing stop and the tracer; a second TRACEME
// fails with EPERM; PTRACE_CONT lets it finish.
#include "pt.h"

static int proc_field(pid_t pid, const char *key, char *out, size_t cap)
{
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) < 0) return -1;
    char *p = strstr(buf, key);
    if (!p) return -1;
    p += strlen(key);
    while (*p == '\t' || *p == ' ') p++;
    size_t n = 0;
    while (p[n] && p[n] != '\n' && n + 1 < cap) { out[n] = p[n]; n++; }
    out[n] = 0;
    return 0;
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        long again = ptrace(PTRACE_TRACEME, 0, 0, 0);
        _exit(again == -1 && errno == EPERM ? 7 : 8);
    }
    pt_show("first stop", pid);
    char v[64];
    if (proc_field(pid, "State:", v, sizeof v) == 0) say("state: %s\n", v);
    if (proc_field(pid, "TracerPid:", v, sizeof v) == 0) say("tracer is parent: %s\n", atoi(v) == getpid() ? "yes" : "no");
    if (proc_field(getpid(), "TracerPid:", v, sizeof v) == 0) say("own tracer: %s\n", v);
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) > 0) {
        char *p = strrchr(buf, ')');
        if (p) say("stat state: %c\n", p[2]);
    }
    PTSAY("listen without seize", PT(PTRACE_LISTEN, pid, 0, 0));
    PTSAY("interrupt without seize", PT(PTRACE_INTERRUPT, pid, 0, 0));
    PTSAY("cont", PT(PTRACE_CONT, pid, 0, 0));
    pt_show("end", pid);
    PTSAY("cont after exit", PT(PTRACE_CONT, pid, 0, 0));
    return 0;
}
