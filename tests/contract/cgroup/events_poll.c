// SPDX-License-Identifier: MIT
// poll(2) on cgroup files: POLLPRI|POLLERR until first read and, for cgroup.events, again once
// "populated" changed since that read; a poll for POLLPRI sleeps until the change.
#include "contract.h"
#include "cg.h"
#include <poll.h>

static void show_poll(const char *label, int fd, int timeout, short events)
{
    struct pollfd p = {fd, events, 0};
    int n = poll(&p, 1, timeout);
    say("%s: poll %d revents%s%s%s\n", label, n, p.revents & POLLIN ? " IN" : "", p.revents & POLLPRI ? " PRI" : "",
        p.revents & POLLERR ? " ERR" : "");
}

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_evpoll"), 0755));
    int fd = open(cg_path("ct_evpoll/cgroup.events"), O_RDONLY);
    int other = open(cg_path("ct_evpoll/cgroup.procs"), O_RDONLY);
    show_poll("fresh", fd, 0, POLLIN | POLLPRI);
    char buf[128];
    RET(pread(fd, buf, sizeof buf, 0) > 0);
    show_poll("read once", fd, 0, POLLIN | POLLPRI);
    int p[2];
    RET(pipe(p));
    pid_t c = cg_sleeper(p, 0);
    close(p[0]);
    RET(cg_move("ct_evpoll", c));
    show_poll("after a member arrived", fd, 5000, POLLPRI);
    show_poll("cgroup.procs", other, 0, POLLIN | POLLPRI);
    RET(pread(other, buf, sizeof buf, 0) >= 0);
    show_poll("cgroup.procs read", other, 0, POLLIN | POLLPRI);
    RET(pread(fd, buf, sizeof buf, 0) > 0);
    show_poll("after reading", fd, 0, POLLPRI);
    // A poll that sleeps until the last member leaves.
    pid_t w = fork();
    if (w == 0) {
        ct_msleep(100);
        close(p[1]);
        _exit(0);
    }
    close(p[1]);
    show_poll("woken by the exit", fd, 10000, POLLPRI);
    say("c: %s\n", ct_wait(c));
    say("w: %s\n", ct_wait(w));
    cg_show("ct_evpoll/cgroup.events");
    close(fd);
    close(other);
    RET(rmdir(cg_path("ct_evpoll")));
    cg_teardown();
    return 0;
}
