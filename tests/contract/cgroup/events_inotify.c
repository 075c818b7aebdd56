// SPDX-License-Identifier: MIT
// inotify on cgroup.events: IN_MODIFY when "populated" changes (a member arrives, the last one
// exits), on the file and, with its name, on the cgroup's directory.
#include "contract.h"
#include "cg.h"
#include <poll.h>
#include <sys/inotify.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

// Reads the pending events (waiting up to 5 s for the first) and prints them sorted: Linux
// delivers cgroup.events notifications from a work queue, so their order against the write's
// own event varies.
static void drain(int fd, int wd_file, int wd_dir)
{
    struct pollfd p = {fd, POLLIN, 0};
    int n = poll(&p, 1, 5000);
    if (n <= 0) {
        say("no event\n");
        return;
    }
    ct_msleep(100);   // the other events of the same change
    char buf[4096] __attribute__((aligned(8)));
    ssize_t len = read(fd, buf, sizeof buf);
    char *lines[32];
    int k = 0;
    for (char *c = buf; c < buf + len && k < 32;) {
        struct inotify_event *e = (struct inotify_event *)c;
        char l[128];
        snprintf(l, sizeof l, "event on %s: mask %#x name \"%s\"", e->wd == wd_file ? "file" : e->wd == wd_dir ? "dir" : "?",
                 e->mask, e->len ? e->name : "");
        lines[k++] = strdup(l);
        c += sizeof *e + e->len;
    }
    qsort(lines, k, sizeof lines[0], cmp);
    for (int i = 0; i < k; i++) {
        say("%s\n", lines[i]);
        free(lines[i]);
    }
}

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_evin"), 0755));
    int fd = inotify_init1(IN_NONBLOCK);
    int wf = inotify_add_watch(fd, cg_path("ct_evin/cgroup.events"), IN_MODIFY);
    int wdir = inotify_add_watch(fd, cg_path("ct_evin"), IN_MODIFY);
    FACT("watches added", wf >= 0 && wdir >= 0);
    int p[2];
    RET(pipe(p));
    pid_t c = cg_sleeper(p, 0);
    close(p[0]);
    RET(cg_move("ct_evin", c));
    drain(fd, wf, wdir);
    cg_show("ct_evin/cgroup.events");
    close(p[1]);
    drain(fd, wf, wdir);
    cg_show("ct_evin/cgroup.events");
    say("child: %s\n", ct_wait(c));
    close(fd);
    RET(rmdir(cg_path("ct_evin")));
    cg_teardown();
    return 0;
}
