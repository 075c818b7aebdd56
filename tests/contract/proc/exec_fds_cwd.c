// SPDX-License-Identifier: MIT
// Across execve: cwd, umask, rlimits, uids, open file offsets and non-CLOEXEC fds are kept.
#include "contract.h"
#include <sys/resource.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        char buf[256];
        say("cwd: %s\n", getcwd(buf, sizeof buf));
        mode_t m = umask(0);
        say("umask: %o\n", m);
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        say("nofile: %ld/%ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
        say("uid: %d euid: %d\n", getuid(), geteuid());
        say("fd 5 offset: %ld\n", (long)lseek(5, 0, SEEK_CUR));
        say("argv[0]: %s\n", strcmp(argv[0], ct_name) == 0 ? "test name" : "other");
        _exit(0);
    }
    mkdir("sub", 0755);
    int fd = open("f", O_RDWR | O_CREAT, 0644);
    write(fd, "abcdef", 6);
    dup2(fd, 5);
    pid_t pid = fork();
    if (pid == 0) {
        chdir("sub");
        umask(0246);
        struct rlimit rl = {50, 60};
        setrlimit(RLIMIT_NOFILE, &rl);
        setuid(1000);
        ct_exec_self("child", NULL);
        _exit(99);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
