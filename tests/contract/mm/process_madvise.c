// SPDX-License-Identifier: MIT
// process_madvise through a pidfd (the advice it takes, iovec and range errors, partial progress, EPERM
// without CAP_SYS_NICE, EACCES without ptrace's right) and process_mrelease (EINVAL for a live process,
// ESRCH for a zombie, EBADF for a descriptor that is not a pidfd).
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef SYS_process_madvise
#define SYS_process_madvise 440
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

static long pm(int fd, struct iovec *v, size_t n, int adv, unsigned f) { return syscall(SYS_process_madvise, fd, v, n, adv, f); }

int main(void)
{
    int self = syscall(SYS_pidfd_open, getpid(), 0);
    char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(a, 1, 4 * 4096);
    struct iovec v[2] = {{a, 4096}, {a + 2 * 4096, 2 * 4096}};
    RET(pm(self, v, 2, MADV_COLD, 0));
    RET(pm(self, v, 2, MADV_PAGEOUT, 0));
    RET(pm(self, v, 2, MADV_WILLNEED, 0));
    say("data kept: %d\n", a[0] == 1 && a[3 * 4096] == 1);
    RET(pm(self, v, 1, MADV_COLLAPSE, 0));
    RET(pm(self, v, 2, MADV_DONTNEED, 0));
    RET(pm(self, v, 2, MADV_COLD, 1));
    RET(pm(self, v, 0, MADV_COLD, 0));
    RET(pm(self, (struct iovec *)8, 1, MADV_COLD, 0));
    RET(pm(self, v, 2000, MADV_COLD, 0));
    RET(pm(0, v, 2, MADV_COLD, 0));
    RET(pm(99, v, 2, MADV_COLD, 0));
    struct iovec odd[1] = {{a + 1, 4096}};
    RET(pm(self, odd, 1, MADV_COLD, 0));
    // A hole: ENOMEM for the first range, the progress once one succeeded.
    munmap(a + 3 * 4096, 4096);
    struct iovec holes[2] = {{a, 4096}, {a + 2 * 4096, 2 * 4096}};
    RET(pm(self, holes + 1, 1, MADV_COLD, 0));
    RET(pm(self, holes, 2, MADV_COLD, 0));
    mlock(a, 4096);
    RET(pm(self, v, 1, MADV_COLD, 0));
    RET(pm(self, v, 1, MADV_WILLNEED, 0));
    munlock(a, 4096);

    // Another process: its memory, its zombie.
    int sync[2];
    pipe(sync);
    pid_t p = fork();
    if (p == 0) {
        char c;
        read(sync[0], &c, 1);
        _exit(0);
    }
    int child = syscall(SYS_pidfd_open, p, 0);
    RET(pm(child, v, 1, MADV_COLD, 0));          // the same addresses exist in the child
    RET(syscall(SYS_process_mrelease, child, 0));
    RET(syscall(SYS_process_mrelease, child, 1));
    RET(syscall(SYS_process_mrelease, 0, 0));
    RET(syscall(SYS_process_mrelease, 99, 0));
    pid_t q = fork();
    if (q == 0) {
        ct_become_user();
        int ok = pm(self, v, 1, MADV_COLD, 0) == -1 && errno == EACCES;
        ok = ok && syscall(SYS_process_mrelease, self, 0) == -1 && errno == EINVAL;
        _exit(ok ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(q));
    write(sync[1], "x", 1);
    siginfo_t si;
    waitid(P_PID, p, &si, WEXITED | WNOWAIT);
    RET(syscall(SYS_process_mrelease, child, 0));
    RET(pm(child, v, 1, MADV_COLD, 0));
    say("child: %s\n", ct_wait(p));
    RET(syscall(SYS_process_mrelease, child, 0));
    RET(pm(child, v, 1, MADV_COLD, 0));
    return 0;
}
