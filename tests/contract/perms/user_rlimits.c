// SPDX-License-Identifier: MIT
// As uid 1000: lowering limits works, raising the hard limit fails with EPERM, soft above hard is EINVAL.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    struct rlimit rl = {64, 128};
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    ct_become_user();
    rl.rlim_cur = 32;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    rl.rlim_max = 256;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    rl.rlim_cur = 200;
    rl.rlim_max = 100;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    rl.rlim_cur = 100;
    rl.rlim_max = 100;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    rl.rlim_max = 128;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    getrlimit(RLIMIT_NOFILE, &rl);
    say("nofile: %ld/%ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
    RET(setpriority(PRIO_PROCESS, 0, 5));
    RET(getpriority(PRIO_PROCESS, 0));
    RET(setpriority(PRIO_PROCESS, 0, 0));
    RET(setpriority(PRIO_PROCESS, 1, 10));
    return 0;
}
