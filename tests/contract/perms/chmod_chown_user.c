// SPDX-License-Identifier: MIT
// As uid 1000: chmod only own files, chown to others EPERM, chgrp to a foreign group EPERM, setgid bit dropped.
#include "contract.h"

static void show(const char *p) { struct stat st; stat(p, &st); say("%s: %o %d:%d\n", p, st.st_mode & 07777, st.st_uid, st.st_gid); }

int main(void)
{
    chmod(".", 0777);
    ct_write_file("mine", "", 0644);
    chown("mine", 1000, 1000);
    ct_write_file("roots", "", 0666);
    ct_write_file("gfile", "", 0644);
    chown("gfile", 1000, 0);
    ct_become_user();
    RET(chmod("mine", 0600));
    RET(chmod("roots", 0600));
    RET(chown("mine", 0, -1));
    RET(chown("mine", -1, 0));
    RET(chown("mine", 1000, 1000));
    RET(chown("mine", -1, -1));
    RET(chmod("gfile", 02755));
    show("gfile");
    RET(chmod("mine", 04755));
    show("mine");
    RET(chown("roots", 1000, 1000));
    int fd = open("mine", O_WRONLY);
    RET(write(fd, "x", 1));
    show("mine");
    RET(fchmod(fd, 0700));
    RET(utimensat(AT_FDCWD, "roots", NULL, 0));
    struct timespec ts[2] = {{1, 0}, {2, 0}};
    RET(utimensat(AT_FDCWD, "roots", ts, 0));
    RET(utimensat(AT_FDCWD, "mine", ts, 0));
    return 0;
}
