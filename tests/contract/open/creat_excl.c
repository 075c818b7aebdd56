// SPDX-License-Identifier: MIT
// O_CREAT and O_EXCL: creation, EEXIST, O_EXCL on a dangling symlink, mode masked by umask, creat().
#include "contract.h"

int main(void)
{
    struct stat st;
    umask(027);
    RET(open("a", O_WRONLY | O_CREAT | O_EXCL, 0777));
    stat("a", &st);
    say("mode: %o\n", st.st_mode & 07777);
    RET(open("a", O_WRONLY | O_CREAT | O_EXCL, 0644));
    RET(open("a", O_WRONLY | O_CREAT, 0600));
    stat("a", &st);
    say("mode unchanged: %o\n", st.st_mode & 07777);
    symlink("target", "dangling");
    RET(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644));
    RET(access("target", F_OK));
    RET(open("dangling", O_WRONLY | O_CREAT, 0644));
    RET(access("target", F_OK));
    umask(0);
    RET(creat("b", 04755));
    stat("b", &st);
    say("creat mode: %o\n", st.st_mode & 07777);
    RET(open("nodir/c", O_CREAT | O_WRONLY, 0644));
    RET(open("a/c", O_CREAT | O_WRONLY, 0644));
    RET(open("", O_CREAT | O_WRONLY, 0644));
    mkdir("d", 0755);
    RET(open("d", O_CREAT | O_WRONLY, 0644));
    RET(open("d", O_CREAT | O_RDONLY, 0644));
    RET(open("d/", O_CREAT | O_RDONLY, 0644));
    RET(open("new/", O_CREAT | O_RDONLY, 0644));
    return 0;
}
