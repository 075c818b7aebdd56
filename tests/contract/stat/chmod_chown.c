// SPDX-License-Identifier: MIT
// chmod/fchmod/fchmodat and chown/lchown as root: bits stored, setuid bits cleared by chown, errors.
#include "contract.h"

static void show(const char *p)
{
    struct stat st;
    lstat(p, &st);
    say("%s: %o uid=%d gid=%d\n", p, st.st_mode & 07777, st.st_uid, st.st_gid);
}

int main(void)
{
    ct_write_file("f", "", 0644);
    RET(chmod("f", 07777));
    show("f");
    RET(chmod("f", 0100644));
    show("f");
    RET(chown("f", 1000, 1000));
    show("f");
    chmod("f", 06755);
    RET(chown("f", 1001, -1));
    show("f");
    chmod("f", 06755);
    RET(chown("f", -1, -1));
    show("f");
    symlink("f", "l");
    RET(lchown("l", 42, 43));
    show("l");
    show("f");
    RET(fchmodat(AT_FDCWD, "l", 0600, 0));
    show("f");
    int fd = open("f", O_RDONLY);
    RET(fchmod(fd, 0444));
    show("f");
    RET(fchown(fd, 7, 8));
    show("f");
    RET(chmod("nope", 0644));
    RET(fchmod(-1, 0644));
    RET(fchownat(AT_FDCWD, "f", 0, 0, 0x9999));
    mkdir("d", 0755);
    RET(chmod("d", 02775));
    show("d");
    ct_write_file("d/g", "", 0644);
    show("d/g");
    mkdir("d/sub", 0755);
    show("d/sub");
    return 0;
}
