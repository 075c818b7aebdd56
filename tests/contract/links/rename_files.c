// SPDX-License-Identifier: MIT
// rename of files: over an existing file, onto itself, between hard links of the same inode, errors.
#include "contract.h"

static void cat(const char *p) { char b[32] = {0}; if (ct_read_file(p, b, sizeof b) < 0) say("%s: %s\n", p, ct_errname(errno)); else say("%s: %s\n", p, b); }

int main(void)
{
    ct_write_file("a", "A", 0644);
    ct_write_file("b", "B", 0644);
    RET(rename("a", "b"));
    cat("a");
    cat("b");
    RET(rename("b", "b"));
    cat("b");
    link("b", "c");
    RET(rename("b", "c"));
    cat("b");
    cat("c");
    RET(rename("nope", "x"));
    RET(rename("c", "nodir/x"));
    RET(rename("c", "c/"));
    RET(rename("c/", "d"));
    mkdir("dir", 0755);
    RET(rename("c", "dir/c"));
    cat("dir/c");
    int fd = open("dir/c", O_RDONLY);
    RET(rename("dir/c", "moved"));
    char buf[4] = {0};
    read(fd, buf, 3);
    say("open fd still reads: %s\n", buf);
    RET(rename("", "x"));
    RET(rename("moved", ""));
    symlink("moved", "sl");
    RET(rename("sl", "sl2"));
    struct stat st;
    lstat("sl2", &st);
    say("symlink renamed, still link: %d\n", S_ISLNK(st.st_mode));
    return 0;
}
