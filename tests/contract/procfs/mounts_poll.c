// SPDX-License-Identifier: MIT
// Watching the mount table as systemd (through libmount) does: /proc/self/mountinfo and mounts poll
// readable, plus POLLPRI|POLLERR once a mount or umount happened since the open or the last poll;
// epoll takes them (and /proc/swaps), directly and nested in another epoll; an ordinary proc file
// has no poll method, so epoll refuses it with EPERM.
#include "contract.h"
#include <poll.h>
#include <sys/mount.h>
#include "../epoll/epoll_show.h"

static void show_poll(const char *label, int fd)
{
    struct pollfd p = {fd, POLLIN | POLLPRI, 0};
    int n = poll(&p, 1, 0);
    say("%s: poll %d revents 0x%x\n", label, n, p.revents);
}

static void add(int ep, int fd, unsigned events, unsigned long long tag)
{
    struct epoll_event e = {.events = events, .data.u64 = tag};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e));
}

// Mounts a tmpfs on m, shows what two epoll instances report, unmounts it.
static void mount_then(int first, const char *first_label, int second, const char *second_label)
{
    RET(mount("tmpfs", "m", "tmpfs", 0, NULL));
    show(first_label, first);
    show(second_label, second);
    RET(umount("m"));
}

int main(void)
{
    mkdir("m", 0755);
    int mi = open("/proc/self/mountinfo", O_RDONLY);
    int mo = open("/proc/self/mounts", O_RDONLY);
    show_poll("mountinfo fresh", mi);
    RET(mount("tmpfs", "m", "tmpfs", 0, "size=1m"));
    show_poll("mountinfo after mount", mi);
    show_poll("mountinfo polled again", mi);
    show_poll("mounts after mount", mo);
    RET(mount("tmpfs", "m", "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m"));
    show_poll("mountinfo after remount", mi);
    RET(umount("m"));

    int ep = epoll_create1(0);
    add(ep, mi, EPOLLPRI, 1);
    show("epoll idle", ep);
    mount_then(ep, "epoll after mount", ep, "epoll again");

    // libmount's monitor: its own epoll instance, which the caller's event loop watches.
    int outer = epoll_create1(0);
    add(outer, ep, EPOLLIN, 2);
    show("outer idle", outer);
    mount_then(outer, "outer after mount", ep, "inner after outer");
    show("inner after umount", ep);

    int sw = open("/proc/swaps", O_RDONLY);
    show_poll("swaps", sw);
    add(ep, sw, EPOLLPRI, 3);
    int st = open("/proc/self/status", O_RDONLY);
    show_poll("status", st);
    add(ep, st, EPOLLIN, 4);
    int fresh = open("/proc/self/mountinfo", O_RDONLY);
    show_poll("mountinfo opened after the changes", fresh);
    return 0;
}
