// SPDX-License-Identifier: MIT
// copy_file_range and sendfile error rules: different file systems (EXDEV on 6.1 for tmpfs), overlapping
// ranges in one file, directories, pipes, O_APPEND outputs, offsets past the end, and offset write-back.
#include "contract.h"
#include <sys/sendfile.h>
#include <sys/syscall.h>

static long cfr(int in, loff_t *oi, int out, loff_t *oo, size_t len, unsigned flags)
{
    return syscall(SYS_copy_file_range, in, oi, out, oo, len, flags);
}

int main(void)
{
    ct_write_file("a", "0123456789", 0644);
    int a = open("a", O_RDWR);
    int b = open("b", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int shm = open("/dev/shm/ct-copy", O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t oi = 0, oo = 0;
    RET(cfr(a, &oi, shm, &oo, 4, 0));
    RET(cfr(a, NULL, b, NULL, 4, 0));
    RET(lseek(a, 0, SEEK_CUR));
    RET(lseek(b, 0, SEEK_CUR));
    oi = 2;
    oo = 4;
    RET(cfr(a, &oi, a, &oo, 4, 0));
    oo = 6;
    RET(cfr(a, &oi, a, &oo, 4, 0));
    say("oi=%lld oo=%lld\n", (long long)oi, (long long)oo);
    oi = 100;
    RET(cfr(a, &oi, b, NULL, 4, 0));
    oi = -1;
    RET(cfr(a, &oi, b, NULL, 4, 0));
    int d = open(".", O_RDONLY | O_DIRECTORY);
    RET(cfr(d, NULL, b, NULL, 4, 0));
    int p[2];
    pipe(p);
    RET(cfr(a, NULL, p[1], NULL, 4, 0));
    int ap = open("b", O_WRONLY | O_APPEND);
    RET(cfr(a, NULL, ap, NULL, 4, 0));
    int ro = open("b", O_RDONLY);
    RET(cfr(a, NULL, ro, NULL, 4, 0));
    RET(cfr(a, (loff_t *)8, b, NULL, 4, 0));
    RET(cfr(99, NULL, b, NULL, 4, 0));

    off_t off = 8;
    RET(sendfile(b, a, &off, 100));
    say("off after: %lld\n", (long long)off);
    off = 100;
    RET(sendfile(b, a, &off, 5));
    say("off after: %lld\n", (long long)off);
    off = -1;
    RET(sendfile(b, a, &off, 5));
    write(p[1], "pipe", 4);
    RET(sendfile(b, p[0], NULL, 4));
    off = 0;
    RET(sendfile(b, p[0], &off, 4));
    RET(sendfile(ap, a, NULL, 4));
    RET(sendfile(b, a, (off_t *)8, 4));
    RET(sendfile(b, d, NULL, 4));
    unlink("/dev/shm/ct-copy");
    return 0;
}
