// SPDX-License-Identifier: MIT
// mkdir/rmdir: EEXIST, ENOTEMPTY, rmdir of ".", "..", a file, a mount-free root, trailing slashes, modes.
#include "contract.h"

int main(void)
{
    umask(022);
    RET(mkdir("d", 0777));
    struct stat st;
    stat("d", &st);
    say("mode: %o dir: %d\n", st.st_mode & 07777, S_ISDIR(st.st_mode));
    RET(mkdir("d", 0755));
    RET(mkdir("d/", 0755));
    RET(mkdir("e/", 0755));
    RET(mkdir("x/y", 0755));
    RET(mkdir("s", 01777 | 02000));
    stat("s", &st);
    say("mode: %o\n", st.st_mode & 07777);
    ct_write_file("d/f", "", 0644);
    RET(rmdir("d"));
    RET(rmdir("d/f"));
    RET(rmdir("d/."));
    RET(rmdir("d/.."));
    RET(rmdir("."));
    RET(rmdir("nope"));
    unlink("d/f");
    RET(rmdir("d/"));
    RET(rmdir("e//"));
    symlink("s", "ls");
    RET(rmdir("ls"));
    RET(rmdir("ls/"));
    RET(mkdir("ls", 0755));
    symlink("nowhere", "dangling");
    RET(mkdir("dangling", 0755));
    RET(access("nowhere", F_OK));
    return 0;
}
