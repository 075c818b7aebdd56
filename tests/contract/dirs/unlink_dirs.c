// SPDX-License-Identifier: MIT
// unlink on directories (EISDIR), unlinkat flags, removing "." and "..", unlink of a busy (open) file.
#include "contract.h"

int main(void)
{
    mkdir("d", 0755);
    RET(unlink("d"));
    RET(unlinkat(AT_FDCWD, "d", 0));
    RET(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
    ct_write_file("f", "content", 0644);
    RET(unlinkat(AT_FDCWD, "f", AT_REMOVEDIR));
    int fd = open("f", O_RDONLY);
    RET(unlink("f"));
    RET(unlink("f"));
    char buf[16] = {0};
    RET(read(fd, buf, 15));
    say("still readable: %s\n", buf);
    struct stat st;
    fstat(fd, &st);
    say("nlink: %ld\n", (long)st.st_nlink);
    RET(unlink("."));
    RET(unlink(".."));
    RET(unlink(""));
    RET(unlink("/"));
    mkdir("e", 0755);
    RET(unlink("e/"));
    ct_write_file("g", "", 0644);
    RET(unlink("g/"));
    return 0;
}
