// SPDX-License-Identifier: MIT
// Events on other file systems: a character device in devtmpfs, /dev/shm, procfs files.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    ino_watch(fd, "/dev/null", IN_ALL_EVENTS, "null");
    int n = open("/dev/null", O_RDWR);
    (void)!write(n, "x", 1);
    char c;
    (void)!read(n, &c, 1);
    close(n);
    ino_drain(fd, "/dev/null");

    ino_watch(fd, "/dev/shm", IN_CREATE | IN_DELETE | IN_CLOSE_WRITE, "shm");
    int s = open("/dev/shm/ct_ino", O_CREAT | O_WRONLY, 0600);
    close(s);
    unlink("/dev/shm/ct_ino");
    ino_drain(fd, "/dev/shm");

    ino_watch(fd, "/proc/self/status", IN_OPEN | IN_ACCESS | IN_CLOSE_NOWRITE, "status");
    char buf[256];
    int p = open("/proc/self/status", O_RDONLY);
    (void)!read(p, buf, sizeof buf);
    close(p);
    ino_drain(fd, "/proc/self/status");
    return 0;
}
