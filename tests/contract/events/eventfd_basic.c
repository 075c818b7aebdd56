// SPDX-License-Identifier: MIT
// eventfd: counter reads and writes, semaphore mode, the 0xfffffffffffffffe ceiling (EAGAIN), poll readiness, flags, sharing across fork.
#include "contract.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/stat.h>

static short revents(int fd)
{
    struct pollfd p = {fd, POLLIN | POLLOUT, 0};
    poll(&p, 1, 0);
    return p.revents;
}

static void show_poll(const char *label, int fd)
{
    short r = revents(fd);
    say("%s: in=%d out=%d err=%d\n", label, !!(r & POLLIN), !!(r & POLLOUT), !!(r & POLLERR));
}

int main(void)
{
    uint64_t v = 0;
    int fd = eventfd(3, EFD_NONBLOCK);
    say("created: %d\n", fd >= 0);
    RET(read(fd, &v, 8));
    say("value: %llu\n", (unsigned long long)v);
    RET(read(fd, &v, 8));
    show_poll("empty", fd);
    v = 5;
    RET(write(fd, &v, 8));
    v = 7;
    RET(write(fd, &v, 8));
    show_poll("nonzero", fd);
    RET(read(fd, &v, 16));
    say("sum: %llu\n", (unsigned long long)v);
    RET(read(fd, &v, 4));
    RET(write(fd, &v, 7));
    v = UINT64_MAX;
    RET(write(fd, &v, 8));
    v = 0;
    RET(write(fd, &v, 8));
    show_poll("after writing 0", fd);

    // The ceiling: the counter can hold 0xfffffffffffffffe, and no more.
    v = 0xfffffffffffffffeULL;
    RET(write(fd, &v, 8));
    show_poll("full", fd);
    v = 1;
    RET(write(fd, &v, 8));
    RET(read(fd, &v, 8));
    say("full value: %llx\n", (unsigned long long)v);
    v = 0xfffffffffffffffeULL;
    RET(write(fd, &v, 8));
    v = 0;
    RET(write(fd, &v, 8));
    RET(read(fd, &v, 8));
    close(fd);

    // Semaphore mode: each read takes one.
    int sem = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    for (int i = 0; i < 4; i++) {
        v = 0;
        long r = read(sem, &v, 8);
        say("sem read %d: %ld value %llu %s\n", i, r, (unsigned long long)v, r < 0 ? ct_errname(errno) : "");
    }
    close(sem);

    // Flags.
    RET(eventfd(0, 0x1234));
    int c = eventfd(0, EFD_CLOEXEC);
    FACT("cloexec", fcntl(c, F_GETFD) & FD_CLOEXEC);
    int fl = fcntl(c, F_GETFL);
    say("rdwr: %d nonblock: %d\n", (fl & O_ACCMODE) == O_RDWR, !!(fl & O_NONBLOCK));
    char path[64], link[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", c);
    RET(readlink(path, link, sizeof link - 1));
    say("link: %s\n", link);
    struct stat st;
    RET(fstat(c, &st));
    say("mode: %o size: %lld\n", (unsigned)st.st_mode, (long long)st.st_size);
    int c2 = eventfd(0, 0);
    struct stat st2;
    fstat(c2, &st2);
    FACT("same inode for two eventfds", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);

    {
        int e = eventfd(5, EFD_SEMAPHORE);
        static const char *const keys[] = {"flags:", "eventfd-count:", "eventfd-semaphore:", NULL};
        ct_show_fdinfo(e, keys);
        close(e);
    }
    // Across fork: the child blocks in read until the parent writes.
    pid_t pid = fork();
    if (pid == 0) {
        uint64_t got = 0;
        if (read(c, &got, 8) != 8) _exit(100);
        _exit((int)got);
    }
    ct_wait_blocked(pid);
    v = 9;
    RET(write(c, &v, 8));
    say("child: %s\n", ct_wait(pid));
    // A blocked writer: the child waits for room, the parent reads.
    v = 0xfffffffffffffffeULL;
    RET(write(c, &v, 8));
    pid = fork();
    if (pid == 0) {
        uint64_t one = 1;
        _exit(write(c, &one, 8) == 8 ? 0 : 1);
    }
    ct_wait_blocked(pid);
    RET(read(c, &v, 8));
    say("child writer: %s\n", ct_wait(pid));
    RET(read(c, &v, 8));
    say("after child write: %llu\n", (unsigned long long)v);
    return 0;
}
