// SPDX-License-Identifier: MIT
// sendfile and copy_file_range between files and to a pipe: counts, offsets, and error cases.
#include "contract.h"
#include <sys/sendfile.h>

int main(void)
{
    char buf[64] = {0};
    int in = open("in", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(in, "0123456789abcdef", 16);
    int out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off_t off = 4;
    RET(sendfile(out, in, &off, 6));
    say("off: %lld\n", (long long)off);
    RET(lseek(in, 0, SEEK_CUR));
    RET(lseek(in, 10, SEEK_SET));
    RET(sendfile(out, in, NULL, 100));
    RET(lseek(in, 0, SEEK_CUR));
    RET(pread(out, buf, 63, 0));
    say("out: %s\n", buf);
    int p[2];
    pipe(p);
    off = 0;
    RET(sendfile(p[1], in, &off, 5));
    memset(buf, 0, sizeof buf);
    RET(read(p[0], buf, 63));
    say("pipe: %s\n", buf);
    RET(sendfile(out, 99, NULL, 1));
    int ro = open("out", O_RDONLY);
    RET(sendfile(ro, in, NULL, 1));
    loff_t a = 0, b = 0;
    int out2 = open("out2", O_RDWR | O_CREAT | O_TRUNC, 0644);
    RET(copy_file_range(in, &a, out2, &b, 8, 0));
    say("a=%lld b=%lld\n", (long long)a, (long long)b);
    RET(copy_file_range(in, &a, out2, &b, 8, 1));
    RET(copy_file_range(in, NULL, out2, NULL, 100, 0));
    memset(buf, 0, sizeof buf);
    RET(pread(out2, buf, 63, 0));
    say("out2: %s\n", buf);
    return 0;
}
