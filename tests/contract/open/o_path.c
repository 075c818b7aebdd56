// SPDX-License-Identifier: MIT
// O_PATH descriptors: usable for fstat/fchdir/*at, not for read/write/fchmod; F_GETFL shows O_PATH.
#include "contract.h"
#include <sys/ioctl.h>

int main(void)
{
    mkdir("d", 0755);
    ct_write_file("d/f", "hello", 0644);
    int fd = open("d/f", O_PATH);
    char c;
    RET(read(fd, &c, 1));
    RET(write(fd, "x", 1));
    struct stat st;
    RET(fstat(fd, &st));
    say("size: %lld\n", (long long)st.st_size);
    RET(fchmod(fd, 0600));
    FACT("getfl has O_PATH", (fcntl(fd, F_GETFL) & O_PATH) != 0);
    int dfd = open("d", O_PATH | O_DIRECTORY);
    OK(openat(dfd, "f", O_RDONLY));
    RET(fchdir(dfd));
    RET(access("f", R_OK));
    RET(fstatat(fd, "", &st, AT_EMPTY_PATH));
    RET(lseek(fd, 0, SEEK_SET));
    RET(dup(fd) > 0);
    RET(ioctl(fd, 0x5401, &c));
    return 0;
}
