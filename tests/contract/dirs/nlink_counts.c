// SPDX-License-Identifier: MIT
// Directory link counts: 2 for empty, +1 per subdirectory, files do not count; after rmdir and rename.
#include "contract.h"

static long nl(const char *p) { struct stat st; if (stat(p, &st)) return -1; return (long)st.st_nlink; }

int main(void)
{
    mkdir("d", 0755);
    say("empty: %ld\n", nl("d"));
    mkdir("d/a", 0755);
    mkdir("d/b", 0755);
    ct_write_file("d/f", "", 0644);
    say("two subdirs: %ld\n", nl("d"));
    say("subdir: %ld\n", nl("d/a"));
    mkdir("e", 0755);
    rename("d/a", "e/a");
    say("after move: d=%ld e=%ld\n", nl("d"), nl("e"));
    rmdir("d/b");
    say("after rmdir: %ld\n", nl("d"));
    int fd = open("d", O_RDONLY);
    rmdir("d/../d") ;
    unlink("d/f");
    rmdir("d");
    struct stat st;
    fstat(fd, &st);
    say("removed dir nlink: %ld\n", (long)st.st_nlink);
    ct_write_file("g", "", 0644);
    link("g", "g2");
    say("file links: %ld\n", nl("g"));
    return 0;
}
