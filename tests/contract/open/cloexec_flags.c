// SPDX-License-Identifier: MIT
// O_CLOEXEC at open, FD_CLOEXEC via fcntl, and which descriptors survive exec.
#include "contract.h"

int main(int argc, char **argv)
{
    if (argc > 1) {
        for (int fd = 3; fd < 8; fd++) say("after exec fd %d: %s\n", fd, fcntl(fd, F_GETFD) >= 0 ? "open" : "closed");
        return 0;
    }
    int a = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int b = open("/dev/null", O_RDONLY);
    int c = open("/dev/null", O_RDONLY);
    int d = open("/dev/null", O_RDONLY | O_CLOEXEC);
    say("fds: %d %d %d %d\n", a, b, c, d);
    RET(fcntl(a, F_GETFD));
    RET(fcntl(b, F_GETFD));
    RET(fcntl(c, F_SETFD, FD_CLOEXEC));
    RET(fcntl(d, F_SETFD, 0));
    RET(fcntl(b, F_SETFD, 0x7));
    RET(fcntl(b, F_GETFD));
    RET(fcntl(b, F_SETFD, 0));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) { ct_exec_self("child", NULL); _exit(99); }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
