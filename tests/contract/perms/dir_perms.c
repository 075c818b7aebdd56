// SPDX-License-Identifier: MIT
// As uid 1000: directory search (x), list (r) and write (w) permissions for lookup, readdir, create, unlink.
#include "contract.h"
#include <dirent.h>

int main(void)
{
    umask(0);
    chmod(".", 0777);
    mkdir("nox", 0766);
    ct_write_file("nox/f", "x", 0644);
    mkdir("nor", 0733);
    ct_write_file("nor/f", "x", 0644);
    mkdir("now", 0755);
    ct_write_file("now/f", "x", 0666);
    ct_become_user();
    RET(open("nox/f", O_RDONLY));
    RET(stat("nox/f", &(struct stat){0}));
    DIR *d = opendir("nox");
    say("opendir nox: %s\n", d ? "ok" : ct_errname(errno));
    RET(chdir("nox"));
    OK(open("nor/f", O_RDONLY));
    d = opendir("nor");
    say("opendir nor: %s\n", d ? "ok" : ct_errname(errno));
    RET(open("now/g", O_CREAT | O_WRONLY, 0644));
    RET(unlink("now/f"));
    OK(open("now/f", O_WRONLY));
    RET(rename("now/f", "moved"));
    RET(mkdir("now/sub", 0755));
    RET(rmdir("now"));
    RET(symlink("x", "now/l"));
    RET(link("now/f", "now/h"));
    RET(link("now/f", "h"));
    return 0;
}
