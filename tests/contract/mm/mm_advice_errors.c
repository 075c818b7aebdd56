// SPDX-License-Identifier: MIT
// Argument and range rules of msync, mincore, madvise and mprotect on file mappings; DONTFORK and
// WIPEONFORK across fork; MADV_REMOVE, MADV_FREE and DONTNEED where they do not apply.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 4 * 4096);
    pwrite(fd, "x", 1, 2 * 4096);   // page 2 is in the page cache, the others are holes
    int ro = open("f", O_RDONLY);
    char *s = mmap(NULL, 4 * 4096, PROT_READ, MAP_SHARED, ro, 0);
    RET(mprotect(s, 4096, PROT_READ | PROT_WRITE));
    void *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    say("shared writable map of O_RDONLY: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");
    int wo = open("f", O_WRONLY);
    w = mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0);
    say("map of O_WRONLY: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");
    w = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, open("/proc/self/status", O_RDONLY), 0);
    say("map of a procfs file: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");

    RET(msync(s, 4096, MS_ASYNC | MS_SYNC));
    RET(msync(s, 4096, 0x100));
    RET(msync((char *)s + 1, 4096, MS_SYNC));
    RET(msync(s, 0, MS_SYNC));
    RET(msync(s, 4 * 4096, 0));
    char *hole = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole + 4096, 4096);
    RET(msync(hole, 3 * 4096, MS_ASYNC));
    RET(msync(hole, 3 * 4096, MS_SYNC));

    unsigned char vec[8];
    memset(vec, 7, sizeof vec);
    RET(mincore(s, 4 * 4096, vec));
    say("file pages in cache before any access: %d %d %d %d\n", vec[0], vec[1], vec[2], vec[3]);
    RET(mincore(s, 4 * 4096, (unsigned char *)8));
    RET(mincore(hole, 3 * 4096, vec));
    say("first byte before the hole: %d\n", vec[0]);
    RET(mincore((void *)0x7ffffffff000, 2 * 4096, vec));
    RET(mincore(s, 0, vec));

    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    RET(madvise(p, 4096, MADV_FREE));
    RET(madvise(p, 4096, MADV_REMOVE));
    RET(madvise(s, 4096, MADV_REMOVE));
    RET(madvise(p, 4096, 999));
    RET(madvise(p, 4096, -1));
    RET(madvise(hole, 3 * 4096, MADV_NORMAL));
    RET(madvise(hole, 0, MADV_NORMAL));
    RET(madvise(p, (size_t)-4096, MADV_NORMAL));
    RET(madvise(p, 4 * 4096, MADV_SEQUENTIAL));
    RET(madvise(p, 4 * 4096, MADV_RANDOM));
    RET(madvise(p, 4 * 4096, MADV_WILLNEED));
    RET(madvise(p, 4 * 4096, MADV_WIPEONFORK));
    RET(mlock(p, 4096));
    RET(madvise(p, 4096, MADV_DONTNEED));
    RET(msync(p, 4096, MS_INVALIDATE));
    RET(msync(p, 4096, MS_SYNC));
    munlock(p, 4096);

    char *a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(a, 'a', 3 * 4096);
    RET(madvise(a, 4096, MADV_DONTFORK));
    RET(madvise(a + 4096, 4096, MADV_WIPEONFORK));
    RET(madvise(a + 2 * 4096, 4096, MADV_FREE));
    int pp[2];
    pipe(pp);
    pid_t pid = fork();
    if (pid == 0) {
        char r[2] = {a[4096] ? 'n' : 'z', 0};
        write(pp[1], r, 1);
        (void)*(volatile char *)a;   // not inherited: SIGSEGV
        _exit(0);
    }
    char r = 0;
    read(pp[0], &r, 1);
    say("WIPEONFORK page in child: %s; DONTFORK page: %s\n", r == 'z' ? "zero" : "copied", ct_wait(pid));
    say("parent keeps both: %c %c\n", a[0], a[4096]);
    RET(madvise(a, 4096, MADV_DOFORK));
    pid = fork();
    if (pid == 0) _exit(a[0] == 'a' ? 0 : 1);
    say("after DOFORK: %s\n", ct_wait(pid));
    return 0;
}
