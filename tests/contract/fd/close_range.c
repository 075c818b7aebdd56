// SPDX-License-Identifier: MIT
// close_range: closing ranges, CLOSE_RANGE_CLOEXEC marks instead of closing, invalid ranges and flags.
#include "contract.h"
#include <sys/syscall.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_UNSHARE 2
#define CLOSE_RANGE_CLOEXEC 4
#endif
static long cr(unsigned a, unsigned b, unsigned f) { return syscall(SYS_close_range, a, b, f); }
static void open_map(void)
{
    char line[64] = "open:";
    for (int fd = 3; fd < 12; fd++) {
        int fl = fcntl(fd, F_GETFD);
        strcat(line, fl < 0 ? " -" : fl & FD_CLOEXEC ? " c" : " o");
    }
    say("%s\n", line);
}

int main(void)
{
    for (int i = 3; i < 12; i++) dup2(0, i);
    open_map();
    RET(cr(5, 7, 0));
    open_map();
    RET(cr(9, 8, 0));
    RET(cr(3, 4, CLOSE_RANGE_CLOEXEC));
    open_map();
    RET(cr(3, 3, 0x80));
    RET(cr(10, ~0U, 0));
    open_map();
    RET(cr(100, 200, 0));
    RET(cr(3, ~0U, CLOSE_RANGE_UNSHARE));
    open_map();
    return 0;
}
