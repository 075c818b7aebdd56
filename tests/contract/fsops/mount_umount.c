// SPDX-License-Identifier: MIT
// mount/umount2 as root: a tmpfs mounted on a scratch directory (statfs sees it), EBUSY while in use,
// MNT_DETACH, umount2 flag and target errors, EPERM for users.
#include "contract.h"
#include <sys/mount.h>
#include <sys/statfs.h>

#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 8
#endif

int main(void)
{
    struct statfs sf;
    mkdir("m", 0755);
    ct_write_file("m/under", "x", 0644);
    RET(mount("none", "m", "tmpfs", 0, "size=1m"));
    RET(statfs("m", &sf));
    say("tmpfs magic: %s\n", sf.f_type == 0x01021994 ? "yes" : "no");
    RET(access("m/under", F_OK));
    ct_write_file("m/inside", "y", 0644);
    int fd = open("m/inside", O_RDONLY);
    RET(umount("m"));
    close(fd);
    RET(umount2("m", 0x100));
    RET(umount2("m", MNT_EXPIRE | MNT_FORCE));
    RET(umount("m/inside"));
    RET(umount("nope"));
    symlink("m", "link");
    RET(umount2("link", UMOUNT_NOFOLLOW));
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(umount("/tmp/t/m"));
        RET(mount("none", "/tmp/t/m", "tmpfs", 0, NULL));
        _exit(0);
    }
    ct_wait(pid);
    RET(umount("link"));
    RET(access("m/under", F_OK));
    RET(mount("none", "m", "nosuchfs", 0, NULL));
    RET(mount("none", "nope", "tmpfs", 0, NULL));
    RET(mount("none", "m/under", "tmpfs", 0, NULL));
    RET(mount("none", "m", "tmpfs", 0, NULL));
    chdir("m");
    RET(umount("/tmp/t/m"));
    RET(umount2("/tmp/t/m", MNT_DETACH));
    say("cwd still usable: %s\n", access(".", F_OK) == 0 ? "yes" : "no");
    chdir("/tmp/t");
    RET(access("m/under", F_OK));
    return 0;
}
