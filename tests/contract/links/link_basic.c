// SPDX-License-Identifier: MIT
// link/linkat: nlink counts, EEXIST, EPERM on directories, ENOENT, following symlinks with AT_SYMLINK_FOLLOW.
#include "contract.h"

static long nl(const char *p) { struct stat st; if (lstat(p, &st)) return -1; return (long)st.st_nlink; }

int main(void)
{
    ct_write_file("f", "data", 0644);
    RET(link("f", "g"));
    say("nlink: %ld %ld\n", nl("f"), nl("g"));
    RET(link("f", "g"));
    RET(link("nope", "h"));
    RET(link("f", "nodir/h"));
    mkdir("d", 0755);
    RET(link("d", "d2"));
    RET(link("f", "d/"));
    RET(link("f/", "x"));
    symlink("f", "s");
    RET(linkat(AT_FDCWD, "s", AT_FDCWD, "hs", 0));
    struct stat st;
    lstat("hs", &st);
    say("linkat(0) of symlink is link: %d\n", S_ISLNK(st.st_mode));
    RET(linkat(AT_FDCWD, "s", AT_FDCWD, "hf", AT_SYMLINK_FOLLOW));
    lstat("hf", &st);
    say("linkat(FOLLOW) is reg: %d nlink %ld\n", S_ISREG(st.st_mode), (long)st.st_nlink);
    RET(linkat(AT_FDCWD, "f", AT_FDCWD, "z", 0x1));
    unlink("f");
    say("after unlink: %ld\n", nl("g"));
    char buf[8] = {0};
    ct_read_file("g", buf, sizeof buf);
    say("content: %s\n", buf);
    return 0;
}
