// SPDX-License-Identifier: MIT
// RLIMIT_NPROC stops fork for unprivileged users (EAGAIN) but not root; RLIMIT_CPU sends SIGXCPU.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1, 1};
        setrlimit(RLIMIT_NPROC, &rl);
        pid_t k = fork();
        if (k == 0) _exit(0);
        say("root fork with NPROC=1: %s\n", k > 0 ? "ok" : ct_errname(errno));
        if (k > 0) ct_wait(k);
        ct_become_user();
        int p[2];
        pipe(p);
        pid_t hold = fork();
        if (hold == 0) { char c; read(p[0], &c, 1); _exit(0); }
        pid_t k2 = fork();
        say("user fork beyond NPROC: %s\n", k2 > 0 ? "ok" : ct_errname(errno));
        if (k2 == 0) _exit(0);
        write(p[1], "x", 1);
        ct_wait(hold);
        _exit(0);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1, 2};
        setrlimit(RLIMIT_CPU, &rl);
        for (;;) {}
    }
    say("cpu limit 1s: %s\n", ct_wait(pid));
    return 0;
}
