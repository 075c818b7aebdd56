// SPDX-License-Identifier: MIT
// A watched file's file system is unmounted: IN_UNMOUNT, then IN_IGNORED, and the wd is gone.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

int main(void)
{
    mkdir("m", 0755);
    RET(mount("none", "m", "tmpfs", 0, NULL));
    ct_write_file("m/f", "x", 0644);
    int fd = inotify_init1(IN_NONBLOCK);
    int wd = ino_watch(fd, "m/f", IN_ATTRIB, "f");
    RET(umount("m"));
    ino_drain(fd, "umount");
    RET(inotify_rm_watch(fd, wd));
    close(fd);
    return 0;
}
