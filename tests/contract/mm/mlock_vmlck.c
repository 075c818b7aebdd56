// SPDX-License-Identifier: MIT
// mlock populates and is counted in VmLck; munlock and munlockall undo it; mlock2 and mlockall
// flag rules; RLIMIT_MEMLOCK for an unprivileged process (EPERM at 0, ENOMEM over, EAGAIN for MAP_LOCKED).
#include "contract.h"
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

static long vmlck(void)
{
    static char text[4096];
    ct_read_file("/proc/self/status", text, sizeof text);
    char *l = strstr(text, "VmLck:");
    return l ? atol(l + 6) : -1;
}

static long resident(char *p, int pages)
{
    unsigned char vec[64];
    if (mincore(p, pages * 4096, vec)) return -1;
    long n = 0;
    for (int i = 0; i < pages; i++) n += vec[i] & 1;
    return n;
}

int main(void)
{
    char *p = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("VmLck before: %ld kB, resident %ld\n", vmlck(), resident(p, 8));
    RET(mlock(p + 4096, 4 * 4096));
    say("VmLck: %ld kB, resident %ld\n", vmlck(), resident(p, 8));
    RET(mlock(p, 8 * 4096));
    say("VmLck overlapping: %ld kB\n", vmlck());
    RET(munlock(p + 2 * 4096, 4096));
    say("VmLck after munlock of one page: %ld kB\n", vmlck());
    RET(syscall(SYS_mlock2, p, 4096, 2));
    RET(syscall(SYS_mlock2, p, 4096, 1));
    RET(mlockall(MCL_ONFAULT));
    RET(mlockall(MCL_FUTURE));
    char *f = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("mapping after MCL_FUTURE resident: %ld\n", resident(f, 2));
    RET(munlockall());
    say("VmLck after munlockall: %ld kB\n", vmlck());
    char *g = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("mapping after munlockall resident: %ld\n", resident(g, 2));
    char *l = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    say("MAP_LOCKED resident %ld, VmLck %ld kB\n", resident(l, 2), vmlck());
    munmap(l, 2 * 4096);
    RET(munlock((void *)0x10000, 4096));
    pid_t pid = fork();
    if (pid == 0) {
        say("child VmLck (locks are not inherited): %ld kB\n", vmlck());
        struct rlimit rl = {0, 0};
        setrlimit(RLIMIT_MEMLOCK, &rl);
        ct_become_user();
        RET(mlock(p, 4096));
        RET(mlockall(MCL_CURRENT));
        _exit(0);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = {3 * 4096, 3 * 4096};
        setrlimit(RLIMIT_MEMLOCK, &rl);
        ct_become_user();
        RET(mlock(p, 2 * 4096));
        RET(mlock(p, 3 * 4096));
        RET(mlock(p + 4096, 3 * 4096));
        RET(mlockall(MCL_CURRENT));
        void *q = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
        say("MAP_LOCKED over the limit: %s\n", q == MAP_FAILED ? ct_errname(errno) : "ok");
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
