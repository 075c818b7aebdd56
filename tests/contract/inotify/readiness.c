// SPDX-License-Identifier: MIT
// inotify readiness through poll, select and epoll: readable exactly while events are queued.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/stat.h>

static void check(int fd, int ep, const char *when)
{
    struct pollfd p = {fd, POLLIN | POLLOUT, 0};
    int pr = poll(&p, 1, 0);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(fd, &r);
    FD_SET(fd, &w);
    struct timeval tv = {0, 0};
    int sr = select(fd + 1, &r, &w, NULL, &tv);
    struct epoll_event ev;
    int er = epoll_wait(ep, &ev, 1, 0);
    say("%s: poll %d revents %x select %d r%d w%d epoll %d events %x\n", when, pr, p.revents, sr,
        FD_ISSET(fd, &r) ? 1 : 0, FD_ISSET(fd, &w) ? 1 : 0, er, er > 0 ? ev.events : 0);
}

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    ct_write_file("f", "", 0644);
    ino_watch(fd, "f", IN_ATTRIB, "f");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
    check(fd, ep, "empty");
    chmod("f", 0600);
    check(fd, ep, "one event");
    ino_drain(fd, "drained");
    check(fd, ep, "after read");

    // A poll that sleeps is woken by an event from another process.
    int sync[2];
    (void)!pipe(sync);
    pid_t c = fork();
    if (c == 0) {
        ct_sync_wait(sync);
        chmod("f", 0644);
        _exit(0);
    }
    ct_sync_post(sync);
    struct pollfd p = {fd, POLLIN, 0};
    int pr = poll(&p, 1, 10000);
    say("poll wait: %d revents %x\n", pr, p.revents);
    struct epoll_event out;
    say("epoll wait: %d\n", epoll_wait(ep, &out, 1, 10000));
    say("child: %s\n", ct_wait(c));
    ino_drain(fd, "from child");
    return 0;
}
