// SPDX-License-Identifier: MIT
// Unlinked but open files keep their data; a new file with the same name is distinct; rename over an open file.
#include "contract.h"

int main(void)
{
    ct_write_file("f", "old", 0644);
    int fd = open("f", O_RDWR);
    RET(unlink("f"));
    ct_write_file("f", "new", 0644);
    RET(write(fd, "OLD!", 4));
    char buf[8] = {0};
    pread(fd, buf, 7, 0);
    say("open fd: %s\n", buf);
    memset(buf, 0, sizeof buf);
    ct_read_file("f", buf, sizeof buf);
    say("by name: %s\n", buf);
    struct stat a, b;
    fstat(fd, &a);
    stat("f", &b);
    FACT("different inodes", a.st_ino != b.st_ino);
    int fd2 = open("f", O_RDONLY);
    ct_write_file("g", "replacement", 0644);
    RET(rename("g", "f"));
    memset(buf, 0, sizeof buf);
    pread(fd2, buf, 7, 0);
    say("fd2 after rename over: %s\n", buf);
    memset(buf, 0, sizeof buf);
    ct_read_file("f", buf, sizeof buf);
    say("by name: %s\n", buf);
    return 0;
}
