// SPDX-License-Identifier: MIT
// openat with AT_FDCWD, a directory fd, a non-directory fd (ENOTDIR), a bad fd (EBADF), absolute paths.
#include "contract.h"

int main(void)
{
    mkdir("d", 0755);
    mkdir("d/sub", 0755);
    ct_write_file("d/sub/f", "xyz", 0644);
    int d = open("d", O_RDONLY | O_DIRECTORY);
    OK(openat(d, "sub/f", O_RDONLY));
    OK(openat(AT_FDCWD, "d/sub/f", O_RDONLY));
    int f = open("d/sub/f", O_RDONLY);
    RET(openat(f, "x", O_RDONLY));
    RET(openat(99, "x", O_RDONLY));
    OK(openat(99, "/dev/null", O_RDONLY));
    OK(openat(f, "/dev/null", O_RDONLY));
    RET(openat(d, "..", O_RDONLY | O_DIRECTORY) >= 0);
    RET(mkdirat(d, "sub2", 0755));
    RET(access("d/sub2", F_OK));
    RET(unlinkat(d, "sub2", 0));
    RET(unlinkat(d, "sub2", AT_REMOVEDIR));
    RET(unlinkat(d, "sub", AT_REMOVEDIR));
    RET(unlinkat(d, "sub/f", 0x1234));
    // The dirfd refers to the directory even after it is renamed.
    rename("d", "e");
    OK(openat(d, "sub/f", O_RDONLY));
    return 0;
}
