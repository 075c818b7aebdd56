// SPDX-License-Identifier: MIT
// O_DIRECTORY and O_NOFOLLOW: ENOTDIR, ELOOP on a final symlink, symlinks in the middle still followed.
#include "contract.h"

int main(void)
{
    mkdir("d", 0755);
    ct_write_file("d/f", "x", 0644);
    symlink("d", "ld");
    symlink("d/f", "lf");
    OK(open("d", O_RDONLY | O_DIRECTORY));
    RET(open("d/f", O_RDONLY | O_DIRECTORY));
    OK(open("ld", O_RDONLY | O_DIRECTORY));
    RET(open("ld", O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    RET(open("lf", O_RDONLY | O_NOFOLLOW));
    OK(open("ld/f", O_RDONLY | O_NOFOLLOW));
    RET(open("d", O_WRONLY | O_DIRECTORY));
    RET(open("d", O_RDWR));
    RET(open("nope", O_RDONLY | O_DIRECTORY));
    RET(open("nope", O_RDONLY | O_DIRECTORY | O_CREAT, 0644));
    RET(access("nope", F_OK));
    RET(open("d/f/", O_RDONLY));
    OK(open("d/", O_RDONLY));
    OK(open("lf", O_RDONLY | O_NOFOLLOW | O_PATH));
    return 0;
}
