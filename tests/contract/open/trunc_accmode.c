// SPDX-License-Identifier: MIT
// O_TRUNC with each access mode, the invalid access mode 3, F_GETFL access bits, O_RDONLY|O_TRUNC.
#include "contract.h"

static long size(const char *p) { struct stat st; stat(p, &st); return (long)st.st_size; }

int main(void)
{
    ct_write_file("f", "0123456789", 0644);
    int fd = RET(open("f", O_RDWR | O_TRUNC));
    say("size: %ld\n", size("f"));
    say("accmode: %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    ct_write_file("f", "0123456789", 0644);
    fd = open("f", O_RDONLY | O_TRUNC);
    say("rdonly|trunc ok: %s size %ld\n", fd >= 0 ? "yes" : "no", size("f"));
    say("accmode: %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    fd = open("f", O_WRONLY);
    say("accmode: %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    fd = open("f", 3);
    say("mode 3 ok: %s\n", fd >= 0 ? "yes" : "no");
    if (fd >= 0) {
        char c;
        RET(read(fd, &c, 1));
        RET(write(fd, "x", 1));
    }
    ct_write_file("f", "0123456789", 0644);
    fd = open("f", O_WRONLY | O_TRUNC | O_APPEND);
    RET(write(fd, "ab", 2));
    say("size: %ld\n", size("f"));
    RET(fcntl(fd, F_SETFL, O_RDWR));
    say("accmode still: %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
    RET(open("/dev/null", O_WRONLY | O_TRUNC) >= 0);
    return 0;
}
