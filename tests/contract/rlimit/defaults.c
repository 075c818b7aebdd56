// SPDX-License-Identifier: MIT
// Default resource limits a process inherits from init, and getrlimit/prlimit argument errors.
#include "contract.h"
#include <sys/resource.h>

static void show(const char *n, int r)
{
    struct rlimit rl;
    getrlimit(r, &rl);
    char a[32], b[32];
    if (rl.rlim_cur == RLIM_INFINITY) strcpy(a, "inf"); else snprintf(a, sizeof a, "%llu", (unsigned long long)rl.rlim_cur);
    if (rl.rlim_max == RLIM_INFINITY) strcpy(b, "inf"); else snprintf(b, sizeof b, "%llu", (unsigned long long)rl.rlim_max);
    say("%s: %s / %s\n", n, a, b);
}

int main(void)
{
    show("CPU", RLIMIT_CPU);
    show("FSIZE", RLIMIT_FSIZE);
    show("DATA", RLIMIT_DATA);
    show("STACK", RLIMIT_STACK);
    show("CORE", RLIMIT_CORE);
    show("NOFILE", RLIMIT_NOFILE);
    show("AS", RLIMIT_AS);
    show("MEMLOCK", RLIMIT_MEMLOCK);
    show("LOCKS", RLIMIT_LOCKS);
    show("MSGQUEUE", RLIMIT_MSGQUEUE);
    show("NICE", RLIMIT_NICE);
    show("RTPRIO", RLIMIT_RTPRIO);
    struct rlimit rl;
    RET(getrlimit(99, &rl));
    RET(prlimit(getpid(), 99, NULL, &rl));
    RET(prlimit(99999999, RLIMIT_NOFILE, NULL, &rl));
    return 0;
}
