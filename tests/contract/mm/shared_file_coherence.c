// SPDX-License-Identifier: MIT
// One page cache: a MAP_SHARED mapping sees write(2), read(2) sees stores through the mapping,
// two mappings and a fork child share the pages, and I/O between a file and its own mapping works.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char page[3 * 4096];
    memset(page, '.', sizeof page);
    write(fd, page, sizeof page);
    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *m2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    memcpy(m + 4096, "store", 5);
    char buf[16] = {0};
    pread(fd, buf, 5, 4096);
    say("read(2) sees the store: %s\n", buf);
    say("second mapping sees it: %.5s\n", m2);
    pwrite(fd, "WRITE", 5, 4096 + 100);
    say("mapping sees write(2): %.5s %.5s\n", m + 4096 + 100, m2 + 100);
    // A fork child stores through the inherited shared mapping.
    pid_t pid = fork();
    if (pid == 0) {
        memcpy(m + 8192, "child", 5);
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 5, 8192);
    say("parent sees child's store: %.5s via read(2): %s\n", m + 8192, buf);
    // An independent process opens and maps the file on its own.
    pid = fork();
    if (pid == 0) {
        int fd2 = open("f", O_RDWR);
        char *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
        memcpy(c, "other", 5);
        _exit(c[4096 - 1] == '.' ? 0 : 1);
    }
    say("other process: %s, sees: %.5s\n", ct_wait(pid), m);
    RET(msync(m, 3 * 4096, MS_SYNC));
    // write(2) from the mapping into the same file, and read(2) into the mapping.
    RET(pwrite(fd, m + 4096, 5, 0));
    say("pwrite from own mapping: %.5s\n", m);
    RET(pread(fd, m + 200, 5, 8192));
    say("pread into own mapping: %.5s\n", m + 200);
    munmap(m, 3 * 4096);
    munmap(m2, 4096);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 5, 4096);
    say("after munmap the file keeps it: %s\n", buf);
    // Extending the file through ftruncate makes the new page visible in a mapping made earlier.
    char *big = mmap(NULL, 5 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    RET(ftruncate(fd, 5 * 4096));
    big[4 * 4096] = 'E';
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 1, 4 * 4096);
    say("store in grown page: %s\n", buf);
    struct stat st;
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    return 0;
}
