// SPDX-License-Identifier: MIT
// rename: MOVED_FROM/MOVED_TO with one cookie, MOVE_SELF, a replaced target, RENAME_EXCHANGE.
#include "ino_show.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    mkdir("d1", 0755);
    mkdir("d2", 0755);
    mkdir("d1/sub", 0755);
    ct_write_file("d1/a", "a", 0644);
    ct_write_file("d1/b", "b", 0644);
    ct_write_file("d2/c", "c", 0644);
    ino_watch(fd, "d1", IN_ALL_EVENTS, "d1");
    ino_watch(fd, "d2", IN_ALL_EVENTS, "d2");
    ino_watch(fd, "d1/a", IN_ALL_EVENTS, "a");
    ino_watch(fd, "d1/b", IN_ALL_EVENTS, "b");
    ino_watch(fd, "d1/sub", IN_ALL_EVENTS, "sub");
    rename("d1/a", "d1/a2");
    ino_drain(fd, "same dir");
    rename("d1/a2", "d2/a3");
    ino_drain(fd, "across dirs");
    rename("d2/a3", "d1/b");
    ino_drain(fd, "over existing");
    rename("d1/sub", "d2/sub");
    ino_drain(fd, "directory");
    RET(syscall(SYS_renameat2, AT_FDCWD, "d1/b", AT_FDCWD, "d2/c", RENAME_EXCHANGE));
    ino_drain(fd, "exchange");
    RET(rename("d2/c", "d2/c"));
    ino_drain(fd, "same name");
    RET(rename("d1/missing", "d2/x"));
    ino_drain(fd, "failed");
    return 0;
}
