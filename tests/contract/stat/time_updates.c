// SPDX-License-Identifier: MIT
// Which operations update mtime (and atime) of files and directories (relations against a fixed old time).
#include "contract.h"

static struct timespec old[2] = {{100, 0}, {100, 0}};
static void reset(const char *p) { utimensat(AT_FDCWD, p, old, 0); }
static void check(const char *what, const char *p)
{
    struct stat st;
    stat(p, &st);
    say("%s: mtime %s, atime %s\n", what, st.st_mtime == 100 ? "kept" : "updated", st.st_atime == 100 ? "kept" : "updated");
}

int main(void)
{
    ct_write_file("f", "abc", 0644);
    mkdir("d", 0755);
    reset("f");
    int fd = open("f", O_WRONLY);
    write(fd, "x", 1);
    check("write", "f");
    reset("f");
    ftruncate(fd, 10);
    check("ftruncate", "f");
    reset("f");
    ftruncate(fd, 10);
    check("ftruncate same size", "f");
    reset("f");
    chmod("f", 0600);
    check("chmod", "f");
    reset("f");
    char c;
    int r = open("f", O_RDONLY);
    read(r, &c, 1);
    check("read", "f");
    reset("d");
    ct_write_file("d/new", "", 0644);
    check("create in dir", "d");
    reset("d");
    unlink("d/new");
    check("unlink in dir", "d");
    reset("d");
    mkdir("d/sub", 0755);
    check("mkdir in dir", "d");
    reset("f");
    link("f", "d/hl");
    check("link (file)", "f");
    reset("f");
    open("f", O_WRONLY | O_TRUNC);
    check("O_TRUNC", "f");
    return 0;
}
