// SPDX-License-Identifier: MIT
// Symlink resolution limits: chains of 40 resolve, 41 fail with ELOOP; loops through directories.
#include "contract.h"

int main(void)
{
    ct_write_file("t0", "end", 0644);
    char a[16], b[16];
    for (int i = 1; i <= 45; i++) {
        snprintf(a, sizeof a, "t%d", i - 1);
        snprintf(b, sizeof b, "t%d", i);
        symlink(a, b);
    }
    for (int i = 38; i <= 42; i++) {
        snprintf(b, sizeof b, "t%d", i);
        int fd = open(b, O_RDONLY);
        say("chain of %d: %s\n", i, fd >= 0 ? "ok" : ct_errname(errno));
        if (fd >= 0) close(fd);
    }
    mkdir("d", 0755);
    symlink("..", "d/up");
    int fd = open("d/up/d/up/d/up/d/up/t0", O_RDONLY);
    say("dir loop path: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    symlink("a/x", "a");
    RET(open("a", O_RDONLY));
    RET(stat("a", &(struct stat){0}));
    RET(lstat("a", &(struct stat){0}));
    return 0;
}
