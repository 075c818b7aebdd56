// SPDX-License-Identifier: MIT
// Directories: ISDIR on events, listing as ACCESS, a watched directory removed.
#include "ino_show.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    mkdir("top", 0755);
    ino_watch(fd, "top", IN_ALL_EVENTS, "top");
    mkdir("top/sub", 0755);
    ino_watch(fd, "top/sub", IN_ALL_EVENTS, "sub");
    ino_drain(fd, "mkdir");
    int d = open("top/sub", O_RDONLY | O_DIRECTORY);
    char buf[1024];
    syscall(SYS_getdents64, d, buf, sizeof buf);
    syscall(SYS_getdents64, d, buf, sizeof buf);
    close(d);
    ino_drain(fd, "list sub");
    d = open("top", O_RDONLY | O_DIRECTORY);
    close(d);
    ino_drain(fd, "open top");
    chmod("top/sub", 0700);
    ino_drain(fd, "chmod sub");
    RET(rmdir("top/sub"));
    ino_drain(fd, "rmdir sub");
    RET(inotify_rm_watch(fd, ino_watches[1].wd));
    mkdir("top/x", 0755);
    ino_watch(fd, "top/x", IN_DELETE_SELF, "x");
    d = open("top/x", O_RDONLY | O_DIRECTORY);
    RET(rmdir("top/x"));
    ino_drain(fd, "rmdir x while open");
    close(d);
    ino_drain(fd, "closed x");
    ino_watch(fd, ".", IN_DELETE | IN_ONLYDIR, "cwd");
    RET(rmdir("top"));
    ino_drain(fd, "rmdir top");
    return 0;
}
