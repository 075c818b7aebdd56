// SPDX-License-Identifier: MIT
// "." and ".." resolution: ".." of / is /, ".." after a symlink is the physical parent, trailing "/." on files.
#include "contract.h"

static int same(const char *a, const char *b)
{
    struct stat x, y;
    if (stat(a, &x) || stat(b, &y)) return -1;
    return x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

int main(void)
{
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    mkdir("c", 0755);
    symlink("../a/b", "c/lb");
    say("/.. == /: %d\n", same("/..", "/"));
    say("/../.. == /: %d\n", same("/../..", "/"));
    say("a/b/.. == a: %d\n", same("a/b/..", "a"));
    say("c/lb/.. == a (physical): %d\n", same("c/lb/..", "a"));
    say("c/lb/.. == c: %d\n", same("c/lb/..", "c"));
    say("./a/./b/. == a/b: %d\n", same("./a/./b/.", "a/b"));
    ct_write_file("f", "", 0644);
    RET(stat("f/.", &(struct stat){0}));
    RET(stat("f/..", &(struct stat){0}));
    RET(stat("nope/..", &(struct stat){0}));
    RET(mkdir("a/b/../new", 0755));
    RET(access("a/new", F_OK));
    RET(mkdir("a/..", 0755));
    RET(mkdir("a/.", 0755));
    return 0;
}
