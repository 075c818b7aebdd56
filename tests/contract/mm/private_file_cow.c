// SPDX-License-Identifier: MIT
// MAP_PRIVATE file mappings share the page cache until written: a write(2) before the first store
// shows through, after it the page is a private copy; stores never reach the file; MADV_DONTNEED
// drops the copy; read(2) into a private mapping of the same file.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char page[2 * 4096];
    memset(page, 'a', 4096);
    memset(page + 4096, 'b', 4096);
    write(fd, page, sizeof page);
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    say("initial: %c %c\n", p[0], p[4096]);
    pwrite(fd, "X", 1, 0);
    say("write(2) before any store shows: %c\n", p[0]);
    p[1] = 'p';
    pwrite(fd, "YZ", 2, 0);
    say("after the private store: %c%c (file wrote YZ)\n", p[0], p[1]);
    pwrite(fd, "Q", 1, 4096);
    say("other page still shared: %c\n", p[4096]);
    char buf[4] = {0};
    pread(fd, buf, 2, 0);
    say("file unchanged by the store: %s\n", buf);
    RET(madvise(p, 4096, MADV_DONTNEED));
    say("after DONTNEED the file shows again: %c%c\n", p[0], p[1]);
    // fork: the child's store is its own.
    pid_t pid = fork();
    if (pid == 0) {
        p[4096] = 'c';
        _exit(p[4096] == 'c' ? 0 : 1);
    }
    say("child: %s, parent sees %c\n", ct_wait(pid), p[4096]);
    // read(2) into a not-yet-faulted private mapping of the same file.
    char *q = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    RET(pread(fd, q + 100, 10, 4096));
    say("pread into own private mapping: %.3s, file still: ", q + 100);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 3, 100);
    say("%s\n", buf);
    // A read-only private mapping of a file opened O_RDONLY may still be made writable (a copy).
    int ro = open("f", O_RDONLY);
    char *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, ro, 0);
    RET(mprotect(r, 4096, PROT_READ | PROT_WRITE));
    r[0] = 'w';
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 1, 0);
    say("store in private copy: %c, file: %s\n", r[0], buf);
    return 0;
}
