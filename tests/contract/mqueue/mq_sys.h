// SPDX-License-Identifier: MIT
// Raw POSIX message queue syscalls (the name without glibc's leading '/'), so musl and glibc
// builds make the same calls, and the kernel's struct mq_attr.
#pragma once
#include <sys/syscall.h>
#include <signal.h>
#include <time.h>

struct kmq_attr {
    long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, reserved[4];
};

static inline long kmq_open(const char *name, int oflag, int mode, const struct kmq_attr *a)
{
    return syscall(SYS_mq_open, name, oflag, mode, a);
}
static inline long kmq_unlink(const char *name) { return syscall(SYS_mq_unlink, name); }
static inline long kmq_send(long fd, const void *m, size_t len, unsigned prio, const struct timespec *t)
{
    return syscall(SYS_mq_timedsend, fd, m, len, prio, t);
}
static inline long kmq_recv(long fd, void *m, size_t len, unsigned *prio, const struct timespec *t)
{
    return syscall(SYS_mq_timedreceive, fd, m, len, prio, t);
}
static inline long kmq_notify(long fd, const struct sigevent *ev) { return syscall(SYS_mq_notify, fd, ev); }
static inline long kmq_getsetattr(long fd, const struct kmq_attr *n, struct kmq_attr *o)
{
    return syscall(SYS_mq_getsetattr, fd, n, o);
}
// The attributes as one line: "maxmsg M msgsize S curmsgs C flags F".
static inline void kmq_show(long fd)
{
    struct kmq_attr a = {0};
    if (kmq_getsetattr(fd, NULL, &a)) {
        say("getattr: %s\n", ct_errname(errno));
        return;
    }
    say("maxmsg %ld msgsize %ld curmsgs %ld flags %s\n", a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs,
        a.mq_flags & O_NONBLOCK ? "O_NONBLOCK" : "0");
}
// The status line read(2) gives (the pid column replaced by whether it is pid).
static inline void kmq_status(long fd, pid_t pid)
{
    char buf[128] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n < 0) {
        say("status: %s\n", ct_errname(errno));
        return;
    }
    char *p = strstr(buf, "NOTIFY_PID:");
    if (p) {
        int v = atoi(p + 11);
        p[11] = 0;
        say("status: %s%s\n", buf, v == 0 ? "0" : v == pid ? "<pid>" : "<other>");
    } else {
        say("status: '%s'\n", buf);
    }
}
// An absolute CLOCK_REALTIME time ms from now.
static inline struct timespec kmq_in_ms(long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}
