// SPDX-License-Identifier: MIT
// Inheritance of process group and session ids over fork and exec; group of a new session's children.
#include "contract.h"

int main(int argc, char **argv)
{
    if (argc > 2) {
        pid_t pg = atoi(argv[2]);
        say("after exec same pgid: %s\n", getpgid(0) == pg ? "yes" : "no");
        _exit(0);
    }
    pid_t pgid = getpgid(0), sid = getsid(0);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char r[2] = {getpgid(0) == pgid ? 'Y' : 'N', getsid(0) == sid ? 'Y' : 'N'};
        write(p[1], r, 2);
        setsid();
        pid_t g = fork();
        if (g == 0) {
            char q[2] = {getsid(0) == getppid() ? 'Y' : 'N', getpgid(0) == getppid() ? 'Y' : 'N'};
            write(p[1], q, 2);
            _exit(0);
        }
        ct_wait(g);
        _exit(0);
    }
    char r[4] = {0};
    ct_read_full(p[0], r, 4);
    say("child inherits pgid %c sid %c; grandchild in new session %c and group %c\n", r[0], r[1], r[2], r[3]);
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", getpgid(0));
        ct_exec_self("exec", buf);
        _exit(99);
    }
    ct_wait(pid);
    return 0;
}
