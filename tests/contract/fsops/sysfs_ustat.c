// SPDX-License-Identifier: MIT
// sysfs(2) options 1-3 agree with /proc/filesystems (index, name, count) and fail as Linux's do;
// ustat(2) reports the free blocks and inodes statfs reports, EINVAL for an unknown device.
#include "contract.h"
#include <sys/statfs.h>
#include <sys/syscall.h>

struct ustat_ {
    int f_tfree;
    unsigned long f_tinode;
    char f_fname[6], f_fpack[6];
};

int main(void)
{
    char buf[4096] = {0};
    ct_read_file("/proc/filesystems", buf, sizeof buf - 1);
    char names[64][32];
    int n = 0;
    for (char *l = buf; *l && n < 64;) {
        char *tab = strchr(l, '\t');
        char *nl = strchr(l, '\n');
        if (!tab || !nl) break;
        snprintf(names[n++], sizeof names[0], "%.*s", (int)(nl - tab - 1), tab + 1);
        l = nl + 1;
    }
    long count = syscall(SYS_sysfs, 3);
    say("count matches /proc/filesystems: %d\n", count == n);
    int ok = 1;
    for (int i = 0; i < n; i++) {
        char name[64] = "";
        if (syscall(SYS_sysfs, 2, i, name) != 0 || strcmp(name, names[i])) ok = 0;
        if (syscall(SYS_sysfs, 1, names[i]) != i) ok = 0;
    }
    say("every index and name agree: %d\n", ok);
    say("tmpfs found: %d proc found: %d\n", syscall(SYS_sysfs, 1, "tmpfs") >= 0, syscall(SYS_sysfs, 1, "proc") >= 0);
    RET(syscall(SYS_sysfs, 1, "nosuchfs"));
    RET(syscall(SYS_sysfs, 1, ""));
    RET(syscall(SYS_sysfs, 1, (char *)8));
    char name[64];
    RET(syscall(SYS_sysfs, 2, count, name));
    RET(syscall(SYS_sysfs, 2, -1, name));
    RET(syscall(SYS_sysfs, 2, 0, (char *)8));
    RET(syscall(SYS_sysfs, 0));
    RET(syscall(SYS_sysfs, 4));

    struct stat st;
    stat(".", &st);
    struct statfs sf;
    statfs(".", &sf);
    struct ustat_ u;
    memset(&u, 0x55, sizeof u);
    RET(syscall(SYS_ustat, (unsigned)st.st_dev, &u));
    say("free blocks match: %d free inodes match: %d\n", (long)u.f_tfree == (long)sf.f_bfree,
        u.f_tinode == (unsigned long)sf.f_ffree);
    say("names empty: %d\n", !u.f_fname[0] && !u.f_fpack[0]);
    stat("/proc/self", &st);
    RET(syscall(SYS_ustat, (unsigned)st.st_dev, &u));
    RET(syscall(SYS_ustat, (unsigned)makedev(123, 45), &u));
    stat(".", &st);
    RET(syscall(SYS_ustat, (unsigned)st.st_dev, (void *)8));
    return 0;
}
