// SPDX-License-Identifier: MIT
// A sysctl takes the largest value of its type: systemd raises fs.file-max to LONG_MAX at boot.
// One more than that, or a value out of range, is EINVAL.
#include "contract.h"

static void try_write(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY);
    ssize_t n = write(fd, value, strlen(value));
    say("write %s to %s: %s\n", value, path, n < 0 ? ct_errname(errno) : "ok");
    close(fd);
    char buf[64] = "";
    ct_read_file(path, buf, sizeof buf);
    say("  reads %s", buf);
}

int main(void)
{
    char old[64] = "";
    ct_read_file("/proc/sys/fs/file-max", old, sizeof old);
    try_write("/proc/sys/fs/file-max", "9223372036854775807");
    try_write("/proc/sys/fs/file-max", "9223372036854775808");
    try_write("/proc/sys/fs/file-max", "99999999999999999999");
    try_write("/proc/sys/fs/file-max", "-1");
    // Back to the default, which depends on the RAM each kernel sees: not printed.
    int fd = open("/proc/sys/fs/file-max", O_WRONLY);
    say("restore: %s\n", write(fd, old, strlen(old)) < 0 ? ct_errname(errno) : "ok");
    close(fd);
    return 0;
}
