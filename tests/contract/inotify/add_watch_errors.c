// SPDX-License-Identifier: MIT
// inotify_add_watch and inotify_rm_watch: mask validation, errno order, wd identity.
#include "contract.h"
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    ct_write_file("f", "x", 0644);
    ct_write_file("secret", "x", 0600);
    mkdir("d", 0755);
    symlink("f", "ln");
    link("f", "hard");

    RET(inotify_add_watch(fd, "f", 0));
    RET(inotify_add_watch(fd, "f", 0x1000));
    RET(inotify_add_watch(fd, "f", IN_MODIFY | 0x00100000));
    RET(inotify_add_watch(fd, "f", IN_DONT_FOLLOW));
    RET(inotify_add_watch(fd, "f", IN_ONESHOT));
    RET(inotify_add_watch(fd, "f", IN_ISDIR));
    RET(inotify_add_watch(fd, "f", IN_IGNORED));
    RET(inotify_add_watch(-1, "f", IN_MODIFY));
    RET(inotify_add_watch(-1, "f", 0));
    RET(inotify_add_watch(0, "f", IN_MODIFY));
    RET(inotify_add_watch(fd, "f", IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE));
    RET(inotify_add_watch(-1, "f", IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE));
    RET(inotify_add_watch(fd, "missing", IN_MODIFY));
    RET(inotify_add_watch(fd, "", IN_MODIFY));
    RET(inotify_add_watch(fd, (char *)1, IN_MODIFY));
    RET(inotify_add_watch(fd, "f", IN_MODIFY | IN_ONLYDIR));
    RET(inotify_add_watch(fd, "f/x", IN_MODIFY));

    int w1 = inotify_add_watch(fd, "f", IN_MODIFY);
    FACT("first wd > 0", w1 > 0);
    FACT("same inode same wd", inotify_add_watch(fd, "f", IN_ATTRIB) == w1);
    FACT("hard link same wd", inotify_add_watch(fd, "hard", IN_ATTRIB) == w1);
    FACT("symlink followed same wd", inotify_add_watch(fd, "ln", IN_ATTRIB) == w1);
    int wl = inotify_add_watch(fd, "ln", IN_ATTRIB | IN_DONT_FOLLOW);
    FACT("dont_follow other wd", wl > 0 && wl != w1);
    RET(inotify_add_watch(fd, "f", IN_ATTRIB | IN_MASK_CREATE));
    int wd = inotify_add_watch(fd, "d", IN_CREATE | IN_ONLYDIR);
    FACT("dir wd new", wd > 0 && wd != w1 && wd != wl);
    FACT("dir wd via slash", inotify_add_watch(fd, "d/", IN_CREATE) == wd);
    FACT("dir wd via dot", inotify_add_watch(fd, "d/.", IN_CREATE) == wd);

    int other = inotify_init();
    FACT("other instance own wds", inotify_add_watch(other, "f", IN_MODIFY) > 0);

    RET(inotify_rm_watch(fd, 12345));
    RET(inotify_rm_watch(fd, -1));
    RET(inotify_rm_watch(-1, w1));
    RET(inotify_rm_watch(0, w1));
    RET(inotify_rm_watch(fd, w1));
    RET(inotify_rm_watch(fd, w1));
    FACT("readded wd differs", inotify_add_watch(fd, "f", IN_MODIFY) != w1);

    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        int u = inotify_init();
        say("user secret: %s\n", inotify_add_watch(u, "secret", IN_MODIFY) < 0 ? ct_errname(errno) : "ok");
        say("user f: %s\n", inotify_add_watch(u, "f", IN_MODIFY) < 0 ? ct_errname(errno) : "ok");
        _exit(0);
    }
    say("child: %s\n", ct_wait(c));
    return 0;
}
