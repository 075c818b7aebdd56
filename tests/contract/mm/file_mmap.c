// SPDX-License-Identifier: MIT
// File mappings: MAP_SHARED writes reach the file and read(), write() reaches the mapping, MAP_PRIVATE does not.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 8192);
    pwrite(fd, "hello", 5, 0);
    char *s = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *pv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    say("mapped: %.5s %.5s\n", s, pv);
    memcpy(s + 4096, "WORLD", 5);
    char buf[8] = {0};
    pread(fd, buf, 5, 4096);
    say("read sees shared write: %s\n", buf);
    pwrite(fd, "jelly", 5, 0);
    say("shared sees write(): %.5s, untouched private sees it: %.5s\n", s, pv);
    pv[0] = 'X';
    pwrite(fd, "again", 5, 0);
    say("private after own write: %.5s\n", pv);
    RET(msync(s, 8192, MS_SYNC));
    RET(msync(s + 1, 4096, MS_SYNC));
    RET(msync(s, 4096, MS_SYNC | MS_ASYNC));
    int ro = open("f", O_RDONLY);
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    say("shared writable on O_RDONLY: %s\n", m == MAP_FAILED ? ct_errname(errno) : "ok");
    m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    say("private writable on O_RDONLY: %s\n", m == MAP_FAILED ? ct_errname(errno) : "ok");
    int wo = open("f", O_WRONLY);
    m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0);
    say("map of O_WRONLY: %s\n", m == MAP_FAILED ? ct_errname(errno) : "ok");
    close(fd);
    munmap(pv, 8192);
    s[10] = 'Z';
    munmap(s, 8192);
    pread(ro, buf, 1, 10);
    say("write after close reached file: %c\n", buf[0]);
    ftruncate(open("f", O_RDWR), 100);
    return 0;
}
