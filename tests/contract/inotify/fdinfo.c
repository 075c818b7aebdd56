// SPDX-License-Identifier: MIT
// /proc/<pid>/fdinfo of an inotify descriptor: one "inotify wd:" line per watch with its mask.
#include "ino_show.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

static void show(int fd)
{
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    ssize_t n = ct_read_file(path, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    int watches = 0;
    for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
        if (!strncmp(l, "flags:", 6) || !strncmp(l, "pos:", 4)) say("%s\n", l);
        if (strncmp(l, "inotify wd:", 11)) continue;
        watches++;
        char *m = strstr(l, " mask:");
        char *ig = strstr(l, " ignored_mask:");
        char *ino = strstr(l, " ino:");
        struct stat st;
        stat("f", &st);
        int is_f = ino && strtoull(ino + 5, NULL, 16) == st.st_ino;
        say("watch on %s mask %lx ignored %lx\n", is_f ? "f" : "other", m ? strtoul(m + 6, NULL, 16) : 0,
            ig ? strtoul(ig + 14, NULL, 16) : 99);
    }
    say("watches: %d\n", watches);
}

int main(void)
{
    int fd = inotify_init1(IN_CLOEXEC);
    ct_write_file("f", "", 0644);
    mkdir("d", 0755);
    show(fd);
    inotify_add_watch(fd, "f", IN_MODIFY | IN_ONESHOT);
    show(fd);
    inotify_add_watch(fd, "d", IN_CREATE | IN_DELETE | IN_EXCL_UNLINK);
    inotify_add_watch(fd, "f", IN_ATTRIB | IN_MASK_ADD);
    show(fd);
    return 0;
}
