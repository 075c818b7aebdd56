// SPDX-License-Identifier: MIT
// Path resolution errors: ENOENT, ENOTDIR, ENAMETOOLONG (component and whole path), ELOOP, empty path.
#include "contract.h"
#include <limits.h>

int main(void)
{
    static char longname[NAME_MAX + 2], longpath[PATH_MAX + 10];
    memset(longname, 'a', NAME_MAX + 1);
    RET(open(longname, O_RDONLY));
    RET(open(longname, O_CREAT | O_WRONLY, 0644));
    longname[NAME_MAX] = 0;
    OK(open(longname, O_CREAT | O_WRONLY, 0644));
    for (int i = 0; i < PATH_MAX + 5; i += 2) { longpath[i] = 'x'; longpath[i + 1] = '/'; }
    RET(open(longpath, O_RDONLY));
    RET(open("", O_RDONLY));
    RET(open("missing/file", O_RDONLY));
    ct_write_file("file", "", 0644);
    RET(open("file/x", O_RDONLY));
    RET(open("file/", O_RDONLY));
    symlink("loop1", "loop2");
    symlink("loop2", "loop1");
    RET(open("loop1", O_RDONLY));
    symlink("self", "self");
    RET(open("self/x", O_RDONLY));
    RET(open((char *)1, O_RDONLY));
    OK(open("./././file", O_RDONLY));
    OK(open(".//file", O_RDONLY));
    OK(open("/../../dev/null", O_RDONLY));
    return 0;
}
