// SPDX-License-Identifier: MIT
// Setting and removing an extended attribute is an attribute change for inotify (IN_ATTRIB on
// the file and, with its name, on its directory); a failed change reports nothing.
#include "xattr_show.h"
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>

static void drain(int fd, int wd_dir, const char *title)
{
    char buf[512] __attribute__((aligned(8)));
    say("%s:", title);
    ssize_t n = read(fd, buf, sizeof buf);
    for (ssize_t off = 0; n > 0 && off < n;) {
        struct inotify_event *e = (struct inotify_event *)(buf + off);
        say(" [%s %s%s%s]", e->wd == wd_dir ? "dir" : "file", e->mask == IN_ATTRIB ? "ATTRIB" : "other",
            e->len ? " " : "", e->len ? e->name : "");
        off += sizeof *e + e->len;
    }
    say("\n");
}

int main(void)
{
    mkdir("d", 0755);
    ct_write_file("d/f", "", 0644);
    int fd = inotify_init1(IN_NONBLOCK);
    int wd = inotify_add_watch(fd, "d", IN_ATTRIB);
    inotify_add_watch(fd, "d/f", IN_ATTRIB);
    RET(setxattr("d/f", "trusted.n", "1", 1, 0));
    drain(fd, wd, "set");
    RET(setxattr("d/f", "trusted.n", "1", 1, XATTR_CREATE));
    drain(fd, wd, "failed set");
    RET(removexattr("d/f", "trusted.n"));
    drain(fd, wd, "remove");
    RET(removexattr("d/f", "trusted.n"));
    drain(fd, wd, "failed remove");
    return 0;
}
