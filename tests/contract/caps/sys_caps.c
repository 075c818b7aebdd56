// SPDX-License-Identifier: MIT
// System-wide privileges, each with and without its capability: CAP_SYS_TIME (settimeofday,
// clock_settime), CAP_SYS_ADMIN (sethostname, setdomainname, mount, umount), CAP_SYS_CHROOT,
// CAP_MKNOD (devices; a whiteout needs none), CAP_SYS_BOOT (reboot checks it before its magic).
#include "caps.h"
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/time.h>
#include <sys/utsname.h>

static void clock_ops(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    RET(clock_settime(CLOCK_REALTIME, &ts));
    struct timeval tv;
    gettimeofday(&tv, NULL);
    RET(settimeofday(&tv, NULL));
    tv.tv_usec = 2000000;
    RET(settimeofday(&tv, NULL));   // EINVAL comes first
}

static void admin_ops(void)
{
    struct utsname u;
    uname(&u);
    RET(sethostname(u.nodename, strlen(u.nodename)));
    RET(setdomainname(u.domainname, strlen(u.domainname)));
    RET(mount("none", "mnt", "tmpfs", 0, NULL));
    RET(umount("mnt"));
}

static void root_ops(void)
{
    RET(chroot("."));
    RET(mknod("cdev", S_IFCHR | 0600, makedev(1, 3)));
    RET(mknod("bdev", S_IFBLK | 0600, makedev(7, 0)));
    RET(mknod("whiteout", S_IFCHR | 0600, makedev(0, 0)));
    RET(mknod("fifo", S_IFIFO | 0600, 0));
    unlink("cdev");
    unlink("bdev");
    unlink("whiteout");
    unlink("fifo");
    RET(syscall(SYS_reboot, 0, 0, 0, NULL));
}

static void with_all(void)
{
    clock_ops();
    admin_ops();
    root_ops();
}

static void no_time(void)
{
    RET(caps_drop(C_SYS_TIME, 0));
    clock_ops();
}

static void no_admin(void)
{
    RET(caps_drop(C_SYS_ADMIN, 0));
    admin_ops();
    RET(mount("none", "mnt", "tmpfs", 0, NULL));
}

static void no_chroot_mknod_boot(void)
{
    RET(caps_drop(C_SYS_CHROOT, 0));
    RET(caps_drop(C_MKNOD, 0));
    RET(caps_drop(C_SYS_BOOT, 0));
    root_ops();
}

static void umount_without_admin(void)
{
    RET(caps_drop(C_SYS_ADMIN, 0));
    RET(umount("mnt"));
}

int main(void)
{
    RET(mkdir("mnt", 0755));
    caps_step("all capabilities", with_all);
    caps_step("without SYS_TIME", no_time);
    caps_step("without SYS_ADMIN", no_admin);
    caps_step("without SYS_CHROOT, MKNOD, SYS_BOOT", no_chroot_mknod_boot);
    RET(mount("none", "mnt", "tmpfs", 0, NULL));
    caps_step("umount without SYS_ADMIN", umount_without_admin);
    RET(umount("mnt"));
    return 0;
}
