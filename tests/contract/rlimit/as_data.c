// SPDX-License-Identifier: MIT
// RLIMIT_AS and RLIMIT_DATA make mmap/brk fail with ENOMEM; raising back restores; malloc returns NULL.
#include "contract.h"
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {64 << 20, 64 << 20};
        RET(setrlimit(RLIMIT_AS, &rl));
        void *p = mmap(NULL, 128 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("mmap 128 MiB under 64 MiB AS: %s\n", p == MAP_FAILED ? ct_errname(errno) : "ok");
        p = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("mmap 1 MiB: %s\n", p == MAP_FAILED ? ct_errname(errno) : "ok");
        say("malloc 100 MiB: %s\n", malloc(100 << 20) ? "ok" : "NULL");
        _exit(0);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1 << 20, 1 << 20};
        RET(setrlimit(RLIMIT_DATA, &rl));
        char *cur = (char *)syscall(SYS_brk, 0);
        char *r = (char *)syscall(SYS_brk, cur + (8 << 20));
        say("brk +8 MiB under 1 MiB DATA refused: %d\n", r == cur);
        void *p = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("private writable mmap 8 MiB: %s\n", p == MAP_FAILED ? ct_errname(errno) : "ok");
        p = mmap(NULL, 8 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("read-only mmap 8 MiB: %s\n", p == MAP_FAILED ? ct_errname(errno) : "ok");
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
