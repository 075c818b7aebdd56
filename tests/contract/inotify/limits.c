// SPDX-License-Identifier: MIT
// fs.inotify.max_user_instances and max_user_watches: EMFILE and ENOSPC past them, counted per
// user and given back when instances close or watches go.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
    char v[64];
    ssize_t n = ct_read_file("/proc/sys/fs/inotify/max_user_watches", v, sizeof v);
    say("max_user_watches: %.*s", (int)(n > 0 ? n : 0), v);

    RET(ct_write_file("/proc/sys/fs/inotify/max_user_instances", "2\n", 0644));
    int a = inotify_init1(IN_NONBLOCK);
    int b = inotify_init1(IN_NONBLOCK);
    FACT("two instances", a >= 0 && b >= 0);
    RET(inotify_init1(0));
    RET(inotify_init1(42));
    close(b);
    b = inotify_init();
    FACT("after close", b >= 0);
    close(b);
    RET(ct_write_file("/proc/sys/fs/inotify/max_user_instances", "128\n", 0644));

    ct_write_file("f1", "", 0644);
    ct_write_file("f2", "", 0644);
    ct_write_file("f3", "", 0644);
    RET(ct_write_file("/proc/sys/fs/inotify/max_user_watches", "2\n", 0644));
    int w1 = inotify_add_watch(a, "f1", IN_MODIFY);
    FACT("watch 1", w1 > 0);
    FACT("watch 2", inotify_add_watch(a, "f2", IN_MODIFY) > 0);
    RET(inotify_add_watch(a, "f3", IN_MODIFY));
    FACT("existing watch updates", inotify_add_watch(a, "f1", IN_ATTRIB) == w1);
    RET(inotify_add_watch(a, "missing", IN_MODIFY));
    RET(inotify_rm_watch(a, w1));
    FACT("after rm", inotify_add_watch(a, "f3", IN_MODIFY) > 0);
    unlink("f3");
    FACT("after delete", inotify_add_watch(a, "f1", IN_MODIFY) > 0);
    close(a);
    int c = inotify_init();
    FACT("after close", inotify_add_watch(c, "f1", IN_MODIFY) > 0 && inotify_add_watch(c, "f2", IN_MODIFY) > 0);
    RET(ct_write_file("/proc/sys/fs/inotify/max_user_watches", v, 0644));
    return 0;
}
