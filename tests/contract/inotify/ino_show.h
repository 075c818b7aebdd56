// SPDX-License-Identifier: MIT
// Shared by the inotify contract tests: events printed by name with the watch's label (never wd
// numbers or cookie values), and the watch table that maps wds to labels.
#ifndef INO_SHOW_H
#define INO_SHOW_H
#include "contract.h"
#include <poll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>

static struct { int wd; const char *label; } ino_watches[16];
static int ino_nwatches;
static uint32_t ino_last_cookie;

static int ino_watch(int fd, const char *path, uint32_t mask, const char *label)
{
    int wd = inotify_add_watch(fd, path, mask);
    if (wd < 0) {
        say("add_watch %s: %s\n", label, ct_errname(errno));
        return wd;
    }
    ino_watches[ino_nwatches].wd = wd;
    ino_watches[ino_nwatches++].label = label;
    return wd;
}

static const char *ino_label(int wd)
{
    if (wd == -1) return "-1";
    for (int i = ino_nwatches - 1; i >= 0; i--)
        if (ino_watches[i].wd == wd) return ino_watches[i].label;
    return "unknown-wd";
}

static void ino_mask(uint32_t m)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        {IN_ACCESS, "ACCESS"}, {IN_MODIFY, "MODIFY"}, {IN_ATTRIB, "ATTRIB"},
        {IN_CLOSE_WRITE, "CLOSE_WRITE"}, {IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"}, {IN_OPEN, "OPEN"},
        {IN_MOVED_FROM, "MOVED_FROM"}, {IN_MOVED_TO, "MOVED_TO"}, {IN_CREATE, "CREATE"},
        {IN_DELETE, "DELETE"}, {IN_DELETE_SELF, "DELETE_SELF"}, {IN_MOVE_SELF, "MOVE_SELF"},
        {IN_UNMOUNT, "UNMOUNT"}, {IN_Q_OVERFLOW, "Q_OVERFLOW"}, {IN_IGNORED, "IGNORED"},
        {IN_ISDIR, "ISDIR"},
    };
    int first = 1;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(m & names[i].bit)) continue;
        say("%s%s", first ? "" : "|", names[i].name);
        first = 0;
        m &= ~names[i].bit;
    }
    if (m) say("%s0x%x", first ? "" : "|", m);
    if (first && !m) say("0");
}

// Prints one event; returns its size.
static size_t ino_print(const struct inotify_event *e)
{
    say("  %s ", ino_label(e->wd));
    ino_mask(e->mask);
    if (e->len) say(" \"%s\"", e->name);
    if (e->mask & IN_MOVED_FROM) ino_last_cookie = e->cookie;
    if (e->mask & IN_MOVED_TO) say(" cookie equal: %s", e->cookie == ino_last_cookie && e->cookie ? "yes" : "no");
    else if (!(e->mask & IN_MOVED_FROM) && e->cookie) say(" cookie!=0");
    say("\n");
    return sizeof *e + e->len;
}

// Reads and prints every queued event (the queue is complete once the syscall that made the
// events returned: no waiting needed).
static void ino_drain(int fd, const char *title)
{
    char buf[4096] __attribute__((aligned(8)));
    say("%s:\n", title);
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 0) != 1) break;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) {
            say("  read: %s\n", n < 0 ? ct_errname(errno) : "0");
            break;
        }
        for (ssize_t off = 0; off < n;) off += ino_print((struct inotify_event *)(buf + off));
    }
}
#endif
