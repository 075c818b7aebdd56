// SPDX-License-Identifier: MIT
// getcwd(2) as a system call (the length including the NUL, ERANGE exactly when the buffer is too small,
// ENOENT for a removed cwd, "(unreachable)" outside the root) and chroot (errors, EPERM for users, ".." and
// "/" confined to the new root).
#include "contract.h"
#include <sys/syscall.h>

static long raw_getcwd(char *buf, size_t size) { return syscall(SYS_getcwd, buf, size); }

int main(void)
{
    char buf[512];
    mkdir("jail", 0755);
    mkdir("jail/in", 0755);
    ct_write_file("jail/in/file", "x", 0644);
    chdir("jail/in");
    long n = raw_getcwd(buf, sizeof buf);
    say("getcwd: %ld %s\n", n, buf);
    RET(raw_getcwd(buf, (size_t)n));
    RET(raw_getcwd(buf, (size_t)n - 1));
    RET(raw_getcwd(buf, 0));
    RET(raw_getcwd((char *)8, sizeof buf));
    chdir("/tmp/t");

    RET(chroot("nope"));
    RET(chroot("jail/in/file"));
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(chroot("jail"));
        _exit(0);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        RET(chroot("jail"));
        n = raw_getcwd(buf, sizeof buf);
        say("after chroot, old cwd: %ld %s\n", n, n > 0 ? buf : ct_errname(errno));
        RET(chdir("/"));
        n = raw_getcwd(buf, sizeof buf);
        say("after chdir /: %ld %s\n", n, buf);
        RET(chdir("../../.."));
        n = raw_getcwd(buf, sizeof buf);
        say("after ../../..: %ld %s\n", n, buf);
        RET(access("/in/file", F_OK));
        RET(access("/tmp", F_OK));
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    mkdir("gone", 0755);
    chdir("gone");
    rmdir("/tmp/t/gone");
    RET(raw_getcwd(buf, sizeof buf));
    return 0;
}
