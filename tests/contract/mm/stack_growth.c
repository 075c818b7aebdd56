// SPDX-License-Identifier: MIT
// The main stack grows on demand up to RLIMIT_STACK; beyond it the process dies with SIGSEGV; big frames work.
#include "contract.h"
#include <sys/resource.h>

static int depth(int n, int max)
{
    volatile char pad[4096];
    pad[0] = (char)n;
    pad[4095] = 1;
    if (n >= max) return n;
    int r = depth(n + 1, max);
    return r + pad[4095] - 1;
}

int main(void)
{
    struct rlimit rl;
    getrlimit(RLIMIT_STACK, &rl);
    say("stack rlimit 8 MiB: %s\n", rl.rlim_cur == 8 << 20 ? "yes" : "no");
    // Children first: a fork after deep recursion would inherit the already grown stack.
    pid_t pid = fork();
    if (pid == 0) {
        volatile char big[3 << 20];
        big[0] = 1;
        big[sizeof big - 1] = 2;
        _exit(big[0] + big[sizeof big - 1]);
    }
    say("3 MiB frame: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        struct rlimit small = {256 << 10, 256 << 10};
        setrlimit(RLIMIT_STACK, &small);
        depth(0, 1000);
        _exit(0);
    }
    say("overflow past 256 KiB limit: %s\n", ct_wait(pid));
    RET(depth(0, 1000));
    pid = fork();
    if (pid == 0) {
        struct rlimit small = {256 << 10, 256 << 10};
        setrlimit(RLIMIT_STACK, &small);
        depth(0, 1000);
        _exit(0);
    }
    say("inherited 4 MiB stack needs no growth: %s\n", ct_wait(pid));
    return 0;
}
