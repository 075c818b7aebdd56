// SPDX-License-Identifier: MIT
// getcwd/chdir/fchdir: relative to the scratch dir, ERANGE for small buffers, removed cwd, ENOTDIR.
#include "contract.h"

int main(void)
{
    char buf[256];
    char base[256];
    getcwd(base, sizeof base);
    say("cwd: %s\n", base);
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    RET(chdir("a/b"));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    say("small buffer: %s\n", getcwd(buf, 3) ? "ok" : ct_errname(errno));
    RET(chdir(".."));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    int fd = open("b", O_RDONLY);
    RET(fchdir(fd));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    RET(chdir("/"));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    RET(chdir(".."));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    chdir(base);
    ct_write_file("f", "", 0644);
    RET(chdir("f"));
    int ff = open("f", O_RDONLY);
    RET(fchdir(ff));
    RET(chdir("nope"));
    chdir("a/b");
    RET(rmdir("../b"));
    say("removed cwd: %s\n", getcwd(buf, sizeof buf) ? buf : ct_errname(errno));
    RET(open("x", O_CREAT | O_WRONLY, 0644));
    RET(chdir(".."));
    say("cwd: %s\n", getcwd(buf, sizeof buf));
    return 0;
}
