// SPDX-License-Identifier: MIT
// O_TMPFILE beyond the basics: O_WRONLY, linkat(AT_EMPTY_PATH), the link name in /proc, a file that was
// linked and unlinked again cannot be relinked, umask, read-only mounts and directory permissions.
#include "contract.h"
#include <sys/mount.h>

int main(void)
{
    mkdir("t", 0777);
    umask(022);
    int fd = open("t", O_TMPFILE | O_WRONLY, 0666);
    say("O_WRONLY: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    struct stat st;
    fstat(fd, &st);
    say("mode %o nlink %ld\n", st.st_mode, (long)st.st_nlink);
    char link[64], target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    char *hash = strstr(target, "/t/#");
    FACT("fd link names t/#<ino>", hash != NULL && strtoul(hash + 4, NULL, 10) == (unsigned long)st.st_ino);
    FACT("fd link says deleted", n > 10 && strcmp(target + n - 10, " (deleted)") == 0);
    RET(linkat(fd, "", AT_FDCWD, "t/one", AT_EMPTY_PATH));
    RET(linkat(fd, "", AT_FDCWD, "t/two", AT_EMPTY_PATH));
    fstat(fd, &st);
    say("after two links: nlink %ld\n", (long)st.st_nlink);
    RET(unlink("t/one"));
    RET(unlink("t/two"));
    RET(linkat(fd, "", AT_FDCWD, "t/three", AT_EMPTY_PATH));
    RET(open("t/", O_TMPFILE | O_RDWR, 0600) >= 0);
    RET(open("t/missing/", O_TMPFILE | O_RDWR, 0600));
    RET(open("t", O_TMPFILE | O_RDWR | O_CREAT, 0600));
    RET(open("t", O_TMPFILE | O_RDWR | O_TRUNC, 0600) >= 0);

    mkdir("ro", 0755);
    RET(mount("none", "ro", "tmpfs", MS_RDONLY, NULL));
    RET(open("ro", O_TMPFILE | O_RDWR, 0600));
    RET(umount("ro"));
    mkdir("closed", 0755);
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(open("closed", O_TMPFILE | O_RDWR, 0600));
        RET(open("t", O_TMPFILE | O_RDWR, 0600) >= 0);
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
