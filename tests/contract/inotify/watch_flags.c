// SPDX-License-Identifier: MIT
// Watch flags: IN_ONESHOT, IN_MASK_ADD versus replacing the mask, IN_EXCL_UNLINK,
// IN_DONT_FOLLOW, and rm_watch's IN_IGNORED.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    ct_write_file("f", "", 0644);
    ino_watch(fd, "f", IN_ATTRIB | IN_ONESHOT, "oneshot");
    chmod("f", 0600);
    chmod("f", 0644);
    ino_drain(fd, "oneshot");

    ino_watch(fd, "f", IN_ATTRIB, "f");
    ino_watch(fd, "f", IN_OPEN, "f");   // replaces: ATTRIB no longer seen
    chmod("f", 0600);
    close(open("f", O_RDONLY));
    ino_drain(fd, "replaced mask");
    ino_watch(fd, "f", IN_ATTRIB | IN_MASK_ADD, "f");
    chmod("f", 0644);
    close(open("f", O_RDONLY));
    ino_drain(fd, "mask add");
    RET(inotify_rm_watch(fd, ino_watches[ino_nwatches - 1].wd));
    chmod("f", 0600);
    ino_drain(fd, "removed");

    mkdir("d", 0755);
    mkdir("e", 0755);
    ino_watch(fd, "d", IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_EXCL_UNLINK, "excl");
    ino_watch(fd, "e", IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE, "plain");
    int a = open("d/x", O_CREAT | O_WRONLY, 0644);
    int b = open("e/x", O_CREAT | O_WRONLY, 0644);
    unlink("d/x");
    unlink("e/x");
    (void)!write(a, "1", 1);
    (void)!write(b, "1", 1);
    close(a);
    close(b);
    ino_drain(fd, "excl_unlink");

    symlink("f", "ln");
    ino_watch(fd, "ln", IN_ATTRIB | IN_DONT_FOLLOW, "link");
    ino_watch(fd, "f", IN_ATTRIB, "target");
    chmod("f", 0644);
    ino_drain(fd, "chmod through target");
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    utimensat(AT_FDCWD, "ln", ts, AT_SYMLINK_NOFOLLOW);
    ino_drain(fd, "utimens on link");
    close(fd);
    chmod("f", 0600);   // no watch left: nothing to see, nothing breaks
    say("closed\n");
    return 0;
}
