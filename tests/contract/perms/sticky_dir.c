// SPDX-License-Identifier: MIT
// Sticky directories: users may delete or rename only their own entries (or entries of a dir they own).
#include "contract.h"

int main(void)
{
    umask(0);
    mkdir("sticky", 01777);
    ct_write_file("sticky/roots", "", 0666);
    ct_write_file("sticky/users", "", 0666);
    chown("sticky/users", 1000, 1000);
    mkdir("plain", 0777);
    ct_write_file("plain/roots", "", 0666);
    ct_become_user();
    RET(unlink("sticky/roots"));
    RET(rename("sticky/roots", "sticky/x"));
    RET(rename("sticky/users", "sticky/mine"));
    RET(unlink("sticky/mine"));
    RET(unlink("plain/roots"));
    OK(open("sticky/new", O_CREAT | O_WRONLY, 0644));
    RET(rename("sticky/new", "sticky/roots"));
    return 0;
}
