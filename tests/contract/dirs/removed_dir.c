// SPDX-License-Identifier: MIT
// A removed directory that is still open or the cwd: getdents gives nothing, creating inside fails, ".." works.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    mkdir("d", 0755);
    int fd = open("d", O_RDONLY | O_DIRECTORY);
    RET(rmdir("d"));
    char buf[1024];
    RET(syscall(SYS_getdents64, fd, buf, sizeof buf));
    RET(openat(fd, "new", O_CREAT | O_WRONLY, 0644));
    RET(mkdirat(fd, "sub", 0755));
    RET(openat(fd, ".", O_RDONLY));
    OK(openat(fd, "..", O_RDONLY));
    struct stat st;
    RET(fstat(fd, &st));
    say("nlink of removed dir: %ld\n", (long)st.st_nlink);
    mkdir("e", 0755);
    chdir("e");
    rmdir("../e");
    RET(open("x", O_CREAT | O_WRONLY, 0644));
    RET(mkdir("y", 0755));
    RET(stat(".", &st));
    RET(chdir(".."));
    RET(access("e", F_OK));
    return 0;
}
