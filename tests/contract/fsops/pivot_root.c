// SPDX-License-Identifier: MIT
// pivot_root: its errors (EPERM, ENOENT, ENOTDIR, EFAULT, EBUSY, EINVAL from the initramfs root and for
// bad mounts), a pivot inside a chroot onto a tmpfs (the old root reappears at put_old, the root and
// working directory move), and the pivot_root(".", ".") + umount2(".", MNT_DETACH) idiom.
#include "contract.h"
#include <sys/mount.h>
#include <sys/syscall.h>

static long pivot(const char *n, const char *o) { return syscall(SYS_pivot_root, n, o); }

static void touch(const char *p) { close(open(p, O_CREAT | O_WRONLY, 0644)); }

int main(void)
{
    mkdir("a", 0755);
    touch("file");
    RET(pivot("a", "a"));          // not a mount: the root's own mount
    RET(mount("tmpfs", "a", "tmpfs", 0, NULL));
    mkdir("a/old", 0755);
    RET(pivot("a", "a/old"));      // the initramfs root is not attached anywhere
    RET(pivot("nowhere", "a"));
    RET(pivot("a", "nowhere"));
    RET(pivot("file", "a"));
    RET(pivot("a", "file"));
    RET(pivot(NULL, "a"));
    RET(pivot("a", (char *)1));
    pid_t p = fork();
    if (p == 0) {
        ct_become_user();
        _exit(pivot("a", "a/old") == -1 && errno == EPERM ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(p));

    touch("a/IN_A");
    mkdir("a/new", 0755);
    RET(mount("tmpfs", "a/new", "tmpfs", 0, NULL));
    touch("a/new/IN_NEW");
    mkdir("a/new/old", 0755);
    mkdir("a/new/x", 0755);
    mkdir("a/other", 0755);
    p = fork();
    if (p == 0) {
        RET(chroot("a"));
        RET(chdir("/"));
        RET(pivot("/new", "/"));
        RET(pivot("/", "/new/old"));
        RET(pivot("/new/x", "/new/old"));
        RET(pivot("/new", "/other"));
        RET(pivot("/new", "/new/old"));
        RET(access("/IN_NEW", F_OK));
        RET(access("/old/IN_A", F_OK));
        RET(access("/old/new/IN_NEW", F_OK));
        char cwd[64] = "";
        say("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
        RET(umount2("/old", MNT_DETACH));
        RET(access("/old/IN_A", F_OK));
        _exit(0);
    }
    say("child: %s\n", ct_wait(p));
    // The new mount took the old one's place in the tree.
    RET(access("a/IN_NEW", F_OK));
    RET(access("a/IN_A", F_OK));
    RET(umount2("a", MNT_DETACH));

    mkdir("b", 0755);
    mount("tmpfs", "b", "tmpfs", 0, NULL);
    mkdir("b/n", 0755);
    mount("tmpfs", "b/n", "tmpfs", 0, NULL);
    touch("b/n/N");
    touch("b/B");
    p = fork();
    if (p == 0) {
        chroot("b");
        chdir("/n");
        RET(pivot(".", "."));
        RET(access("/B", F_OK));
        RET(umount2(".", MNT_DETACH));
        RET(access("/N", F_OK));
        RET(access("/B", F_OK));
        char cwd[64] = "";
        say("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
        _exit(0);
    }
    say("child: %s\n", ct_wait(p));
    RET(access("b/N", F_OK));
    RET(umount2("b", MNT_DETACH));
    return 0;
}
