// SPDX-License-Identifier: MIT
// fs.inotify limits: the sysctls, a queue longer than max_queued_events ending in one
// IN_Q_OVERFLOW, and the events that follow once the queue drains.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
    char v[64];
    ssize_t n = ct_read_file("/proc/sys/fs/inotify/max_queued_events", v, sizeof v);
    say("max_queued_events: %.*s", (int)(n > 0 ? n : 0), v);
    n = ct_read_file("/proc/sys/fs/inotify/max_user_instances", v, sizeof v);
    say("max_user_instances: %.*s", (int)(n > 0 ? n : 0), v);
    FACT("max_user_watches readable", ct_read_file("/proc/sys/fs/inotify/max_user_watches", v, sizeof v) > 0);

    RET(ct_write_file("/proc/sys/fs/inotify/max_queued_events", "4\n", 0644));
    int fd = inotify_init1(IN_NONBLOCK);
    RET(ct_write_file("/proc/sys/fs/inotify/max_queued_events", "16384\n", 0644));
    mkdir("d", 0755);
    ino_watch(fd, "d", IN_CREATE, "d");
    char name[16];
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "d/f%d", i);
        close(open(name, O_CREAT | O_WRONLY, 0644));
    }
    int avail = 0;
    ioctl(fd, FIONREAD, &avail);
    say("fionread: %d\n", avail);
    ino_drain(fd, "queue");
    close(open("d/after", O_CREAT | O_WRONLY, 0644));
    ino_drain(fd, "after drain");
    return 0;
}
