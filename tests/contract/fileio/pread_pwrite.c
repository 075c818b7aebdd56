// SPDX-License-Identifier: MIT
// pread/pwrite do not move the file offset; negative offsets; ESPIPE on pipes; pwrite with O_APPEND.
#include "contract.h"

int main(void)
{
    char buf[32] = {0};
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(write(fd, "abcdefghij", 10));
    RET(lseek(fd, 2, SEEK_SET));
    RET(pread(fd, buf, 3, 5));
    say("buf: %s\n", buf);
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pwrite(fd, "XY", 2, 8));
    RET(pwrite(fd, "Q", 1, 15));
    RET(lseek(fd, 0, SEEK_CUR));
    RET(pread(fd, buf, 32, 0));
    for (int i = 0; i < 16; i++) if (!buf[i]) buf[i] = '.';
    say("content: %.16s\n", buf);
    RET(pread(fd, buf, 4, -1));
    RET(pwrite(fd, buf, 4, -1));
    RET(pread(fd, buf, 4, 1000));
    int p[2];
    pipe(p);
    RET(pread(p[0], buf, 1, 0));
    RET(pwrite(p[1], "a", 1, 0));
    int ap = open("f", O_WRONLY | O_APPEND);
    RET(pwrite(ap, "END", 3, 0));
    struct stat st;
    fstat(ap, &st);
    say("size after pwrite O_APPEND: %lld\n", (long long)st.st_size);
    return 0;
}
