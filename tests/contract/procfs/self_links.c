// SPDX-License-Identifier: MIT
// /proc/self and its links: self points at our pid, exe is the binary, cwd/root/fd/N resolve to paths.
#include "contract.h"

static void link_as(const char *p, const char *label)
{
    char buf[256];
    ssize_t n = readlink(p, buf, sizeof buf - 1);
    if (n < 0) { say("%s: %s\n", label, ct_errname(errno)); return; }
    buf[n] = 0;
    say("%s -> %s\n", label, buf);
}
#define link_of(p) link_as(p, p)

int main(void)
{
    char buf[64];
    ssize_t n = readlink("/proc/self", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    FACT("/proc/self is our pid", atoi(buf) == getpid());
    n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    FACT("exe is the test binary", strcmp(buf, ct_exe) == 0);
    link_of("/proc/self/cwd");
    link_of("/proc/self/root");
    mkdir("sub", 0755);
    chdir("sub");
    link_of("/proc/self/cwd");
    ct_write_file("file", "", 0644);
    int fd = open("file", O_RDONLY);
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    link_as(p, "/proc/self/fd/<file>");
    unlink("file");
    link_as(p, "/proc/self/fd/<file>");
    int pp[2];
    pipe(pp);
    snprintf(p, sizeof p, "/proc/self/fd/%d", pp[0]);
    n = readlink(p, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("pipe link starts with pipe:[ %d\n", strncmp(buf, "pipe:[", 6) == 0);
    link_of("/proc/self/fd/0");
    link_of("/proc/self/fd/99");
    snprintf(p, sizeof p, "/proc/%d/cwd", getpid());
    link_as(p, "/proc/<pid>/cwd");
    n = readlink("/proc/thread-self", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    char want[64];
    snprintf(want, sizeof want, "%d/task/%d", getpid(), getpid());
    FACT("thread-self is pid/task/tid", strcmp(buf, want) == 0);
    return 0;
}
