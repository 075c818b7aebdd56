// SPDX-License-Identifier: MIT
// /proc/<pid>/cmdline and environ: NUL-separated argv/envp as passed to execve; comm set by prctl.
#include "contract.h"
#include <sys/prctl.h>

static void dump(const char *label, const char *path)
{
    char buf[512];
    ssize_t n = ct_read_file(path, buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '|'; else if (buf[i] == '\n') buf[i] = '$';
    say("%s: %zd \"%s\"\n", label, n, buf);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        dump("cmdline", "/proc/self/cmdline");
        dump("environ", "/proc/self/environ");
        prctl(PR_SET_NAME, "renamed-by-prctl-long-name");
        dump("comm", "/proc/self/comm");
        char name[32] = {0};
        prctl(PR_GET_NAME, name);
        say("PR_GET_NAME: %s\n", name);
        _exit(0);
    }
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {"argv0", (char *)ct_name, "x", "", "last arg", NULL};
        char *ev[] = {"K=V", "EMPTY=", NULL};
        execve(ct_exe, av, ev);
        _exit(99);
    }
    ct_wait(pid);
    return 0;
}
