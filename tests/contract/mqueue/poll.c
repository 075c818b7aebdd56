// SPDX-License-Identifier: MIT
// A queue descriptor as a file: poll/select/epoll readiness (POLLIN while messages are
// queued, POLLOUT while there is room), epoll woken by a send from another process, read(2)
// of the status line (offsets, EBADF on a write-only descriptor), write(2), and fork sharing.
#include "contract.h"
#include "mq_sys.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

static void show_poll(long fd)
{
    struct pollfd p = {(int)fd, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, 0};
    int n = poll(&p, 1, 0);
    say("poll %d:%s%s%s%s\n", n, p.revents & POLLIN ? " IN" : "", p.revents & POLLRDNORM ? " RDNORM" : "",
        p.revents & POLLOUT ? " OUT" : "", p.revents & POLLWRNORM ? " WRNORM" : "");
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(fd, &r);
    FD_SET(fd, &w);
    struct timeval tv = {0, 0};
    n = select(fd + 1, &r, &w, NULL, &tv);
    say("select %d: r %d w %d\n", n, FD_ISSET(fd, &r) ? 1 : 0, FD_ISSET(fd, &w) ? 1 : 0);
}

int main(void)
{
    kmq_unlink("ct_poll");
    struct kmq_attr a = {0, 2, 16, 0, {0}};
    long fd = OK(kmq_open("ct_poll", O_RDWR | O_CREAT, 0600, &a));
    char buf[128];
    show_poll(fd);
    RET(kmq_send(fd, "hello", 5, 1, NULL));
    show_poll(fd);
    RET(kmq_send(fd, "world!", 6, 1, NULL));
    show_poll(fd);

    long ro = OK(kmq_open("ct_poll", O_RDONLY, 0, NULL));
    long wo = OK(kmq_open("ct_poll", O_WRONLY, 0, NULL));
    say("read-only: ");
    show_poll(ro);
    say("write-only: ");
    show_poll(wo);

    ssize_t n = read(fd, buf, sizeof buf);
    say("read %zd: %.*s", n, (int)(n > 0 ? n : 0), buf);
    RET(read(fd, buf, sizeof buf));
    RET(lseek(fd, 0, SEEK_SET));
    n = read(fd, buf, 10);
    say("read %zd: '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
    n = read(fd, buf, sizeof buf);
    say("read %zd more\n", n);
    RET(read(wo, buf, sizeof buf));
    RET(write(fd, "x", 1));
    RET(write(ro, "x", 1));

    while (kmq_recv(fd, buf, sizeof buf, NULL, &(struct timespec){0, 0}) >= 0) {}
    show_poll(fd);

    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 7};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, ro, &ev));
    struct epoll_event out[2];
    RET(epoll_wait(ep, out, 2, 0));
    pid_t c = fork();
    if (c == 0) {
        ct_msleep(100);
        exit(kmq_send(wo, "late", 4, 0, NULL) ? 1 : 0);
    }
    int k = epoll_wait(ep, out, 2, 5000);
    say("epoll_wait %d data %u IN %d\n", k, k > 0 ? out[0].data.u32 : 0, k > 0 ? !!(out[0].events & EPOLLIN) : 0);
    say("child: %s\n", ct_wait(c));
    RET(kmq_recv(ro, buf, sizeof buf, NULL, NULL));
    RET(epoll_wait(ep, out, 2, 0));
    close(ep);

    // Unlinked while open: the queue lives on; the name is free for a new queue.
    RET(kmq_unlink("ct_poll"));
    RET(kmq_send(wo, "still", 5, 0, NULL));
    long fresh = OK(kmq_open("ct_poll", O_RDWR | O_CREAT | O_EXCL, 0600, NULL));
    kmq_show(fresh);
    kmq_show(ro);
    RET(kmq_recv(ro, buf, sizeof buf, NULL, NULL));
    RET(kmq_open("ct_poll", O_RDWR | O_CREAT | O_EXCL, 0600, NULL));
    close(fresh);
    close(fd);
    close(ro);
    close(wo);
    RET(kmq_unlink("ct_poll"));
    RET(kmq_unlink("ct_poll"));
    return 0;
}
