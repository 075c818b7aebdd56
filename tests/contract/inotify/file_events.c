// SPDX-License-Identifier: MIT
// Events of a regular file's life, seen by a watch on its directory and one on the file.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    mkdir("d", 0755);
    ino_watch(fd, "d", IN_ALL_EVENTS, "dir");
    int f = open("d/a", O_CREAT | O_WRONLY, 0644);
    ino_watch(fd, "d/a", IN_ALL_EVENTS, "file");
    ino_drain(fd, "create");
    (void)!write(f, "hello", 5);
    ino_drain(fd, "write");
    close(f);
    ino_drain(fd, "close");
    f = open("d/a", O_RDONLY);
    char buf[16];
    (void)!read(f, buf, sizeof buf);
    (void)!read(f, buf, sizeof buf);   // end of file: no event
    close(f);
    ino_drain(fd, "open read close");
    f = open("d/a", O_RDWR | O_TRUNC);
    (void)!pwrite(f, "x", 1, 3);
    (void)!pread(f, buf, 1, 0);
    close(f);
    ino_drain(fd, "trunc pwrite pread");
    chmod("d/a", 0600);
    chown("d/a", 0, 0);
    chown("d/a", -1, -1);
    ino_drain(fd, "chmod chown");
    truncate("d/a", 100);
    ino_drain(fd, "truncate");
    struct timespec ts[2] = {{1, 0}, {2, 0}};
    utimensat(AT_FDCWD, "d/a", ts, 0);
    ino_drain(fd, "utimens both");
    ts[0].tv_nsec = UTIME_OMIT;
    utimensat(AT_FDCWD, "d/a", ts, 0);
    ino_drain(fd, "utimens mtime");
    ts[0].tv_nsec = 0;
    ts[1].tv_nsec = UTIME_OMIT;
    utimensat(AT_FDCWD, "d/a", ts, 0);
    ino_drain(fd, "utimens atime");
    f = open("d/a", O_PATH);
    close(f);
    ino_drain(fd, "o_path");
    link("d/a", "d/b");
    ino_drain(fd, "link");
    unlink("d/b");
    ino_drain(fd, "unlink one name");
    unlink("d/a");
    ino_drain(fd, "unlink last name");
    mknod("d/fifo", S_IFIFO | 0644, 0);
    symlink("target", "d/sym");
    ino_drain(fd, "mknod symlink");
    return 0;
}
