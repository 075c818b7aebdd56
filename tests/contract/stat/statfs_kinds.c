// SPDX-License-Identifier: MIT
// statfs/fstatfs: filesystem magic numbers of tmpfs, proc, devtmpfs, devpts; sizes consistent; errors.
#include "contract.h"
#include <sys/statfs.h>
#include <sys/statvfs.h>

static void show(const char *p)
{
    struct statfs s;
    if (statfs(p, &s)) { say("%s: %s\n", p, ct_errname(errno)); return; }
    say("%s: type=0x%lx bsize>0=%d free<=blocks=%d namelen=%ld\n", p, (unsigned long)s.f_type, s.f_bsize > 0,
        s.f_bfree <= s.f_blocks, (long)s.f_namelen);
}

int main(void)
{
    show(".");
    show("/proc");
    show("/dev");
    show("/dev/pts");
    show("/nope");
    int fd = open(".", O_RDONLY);
    struct statfs a, b;
    RET(fstatfs(fd, &a));
    statfs(".", &b);
    FACT("fstatfs == statfs", a.f_type == b.f_type && a.f_blocks == b.f_blocks);
    struct statvfs v;
    RET(statvfs(".", &v));
    FACT("statvfs frsize > 0", v.f_frsize > 0);
    RET(fstatfs(-1, &a));
    return 0;
}
