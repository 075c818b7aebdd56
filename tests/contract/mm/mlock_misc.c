// SPDX-License-Identifier: MIT
// mlock/munlock/mlockall as root and as a user within RLIMIT_MEMLOCK; MAP_LOCKED; msync on anon; ENOMEM cases.
#include "contract.h"
#include <sys/mman.h>
#include <sys/resource.h>

int main(void)
{
    char *p = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    RET(mlock(p, 8 * 4096));
    RET(munlock(p, 8 * 4096));
    RET(mlock(p + 100, 4096));
    RET(munlock(p, 8 * 4096));
    RET(mlock((void *)0x1000, 4096));
    RET(mlockall(MCL_CURRENT));
    RET(munlockall());
    RET(mlockall(0));
    RET(mlockall(0x100));
    RET(msync(p, 4096, MS_ASYNC));
    RET(msync(p, 4096, MS_INVALIDATE));
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {16384, 16384};
        setrlimit(RLIMIT_MEMLOCK, &rl);
        ct_become_user();
        RET(mlock(p, 4 * 4096));
        RET(mlock(p, 8 * 4096));
        void *q = mmap(NULL, 8 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
        say("MAP_LOCKED over limit: %s\n", q == MAP_FAILED ? ct_errname(errno) : "ok");
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
