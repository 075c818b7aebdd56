// SPDX-License-Identifier: MIT
// xattrs on procfs, devtmpfs, /dev/shm and pipes.
#include "xattr_show.h"
#include <fcntl.h>

static void probe(const char *path)
{
    char buf[256];
    say("%s:\n", path);
    xa_show_list("  list", listxattr(path, buf, sizeof buf), buf);
    RET(getxattr(path, "trusted.a", buf, sizeof buf));
    RET(getxattr(path, "security.selinux", buf, sizeof buf));
    RET(setxattr(path, "trusted.a", "x", 1, 0));
    RET(removexattr(path, "trusted.a"));
    RET(getxattr(path, "user.a", buf, sizeof buf));
}

int main(void)
{
    probe("/proc/self/status");
    probe("/proc");
    probe("/proc/sys/fs/file-max");
    probe("/dev/null");
    int s = open("/dev/shm/ct_xattr", O_CREAT | O_WRONLY, 0600);
    close(s);
    probe("/dev/shm/ct_xattr");
    unlink("/dev/shm/ct_xattr");
    return 0;
}
