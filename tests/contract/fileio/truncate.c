// SPDX-License-Identifier: MIT
// truncate/ftruncate: shrink, extend with zeroes, offset unchanged, errors (EINVAL, EISDIR, EBADF, ENOENT).
#include "contract.h"

int main(void)
{
    struct stat st;
    char buf[32] = {0};
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(write(fd, "abcdefghij", 10));
    RET(ftruncate(fd, 4));
    fstat(fd, &st);
    say("size: %lld\n", (long long)st.st_size);
    RET(lseek(fd, 0, SEEK_CUR));
    RET(write(fd, "Z", 1));
    RET(pread(fd, buf, 32, 0));
    for (int i = 0; i < 11; i++) if (!buf[i]) buf[i] = '.';
    say("content: %.11s\n", buf);
    RET(truncate("f", 20));
    stat("f", &st);
    say("size: %lld\n", (long long)st.st_size);
    RET(ftruncate(fd, -1));
    RET(truncate("nope", 1));
    mkdir("d", 0755);
    RET(truncate("d", 0));
    int ro = open("f", O_RDONLY);
    RET(ftruncate(ro, 0));
    RET(ftruncate(99, 0));
    int p[2];
    pipe(p);
    RET(ftruncate(p[1], 0));
    RET(truncate("f/x", 0));
    RET(truncate("", 0));
    return 0;
}
