// SPDX-License-Identifier: MIT
// /dev/null, /dev/zero, /dev/full semantics: EOF, zero fill, ENOSPC, seeks always succeed.
#include "contract.h"

int main(void)
{
    char buf[16];
    int n = open("/dev/null", O_RDWR);
    RET(write(n, "abc", 3));
    RET(read(n, buf, 16));
    RET(lseek(n, 100, SEEK_SET));
    int z = open("/dev/zero", O_RDWR);
    memset(buf, 7, sizeof buf);
    RET(read(z, buf, 16));
    say("zero: %d %d\n", buf[0], buf[15]);
    RET(write(z, "abc", 3));
    int f = open("/dev/full", O_RDWR);
    RET(write(f, "abc", 3));
    RET(read(f, buf, 4));
    say("full reads zero: %d\n", buf[0]);
    struct stat st;
    fstat(n, &st);
    say("null: chr=%d major=%u minor=%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    fstat(z, &st);
    say("zero: chr=%d major=%u minor=%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    fstat(f, &st);
    say("full: chr=%d major=%u minor=%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    return 0;
}
