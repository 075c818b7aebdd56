// SPDX-License-Identifier: MIT
// getdents64 with small buffers (EINVAL when too small), resuming across calls, lseek to 0 rewinds.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    mkdir("d", 0755);
    char name[32];
    for (int i = 0; i < 100; i++) { snprintf(name, sizeof name, "d/file%03d", i); ct_write_file(name, "", 0644); }
    int fd = open("d", O_RDONLY | O_DIRECTORY);
    char buf[4096];
    RET(syscall(SYS_getdents64, fd, buf, 10));
    int total = 0, calls = 0, seen[100] = {0};
    long r;
    while ((r = syscall(SYS_getdents64, fd, buf, 64)) > 0) {
        calls++;
        for (long off = 0; off < r;) {
            const char *n = buf + off + 19;
            if (strncmp(n, "file", 4) == 0) seen[atoi(n + 4)]++;
            total++;
            off += *(unsigned short *)(buf + off + 16);
        }
    }
    say("total: %d\n", total);
    FACT("one entry per call", calls == total);
    int once = 1;
    for (int i = 0; i < 100; i++) once &= seen[i] == 1;
    FACT("each file exactly once", once);
    RET(syscall(SYS_getdents64, fd, buf, sizeof buf));
    RET(lseek(fd, 0, SEEK_SET));
    r = syscall(SYS_getdents64, fd, buf, sizeof buf);
    FACT("entries after rewind", r > 0);
    int f = open("d/file000", O_RDONLY);
    RET(syscall(SYS_getdents64, f, buf, sizeof buf));
    RET(syscall(SYS_getdents64, 999, buf, sizeof buf));
    RET(syscall(SYS_getdents64, fd, (void *)16, sizeof buf));
    return 0;
}
