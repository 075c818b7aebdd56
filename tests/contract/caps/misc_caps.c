// SPDX-License-Identifier: MIT
// Smaller privileges, with and without their capability: trusted.* xattrs (CAP_SYS_ADMIN),
// alarm clocks (CAP_WAKE_ALARM), EPOLLWAKEUP (CAP_BLOCK_SUSPEND, dropped silently),
// SCM_CREDENTIALS naming another pid or uid (CAP_SYS_ADMIN, CAP_SETUID), clone3's set_tid
// (CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN).
#include "caps.h"
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/xattr.h>

#define C_CHECKPOINT_RESTORE 40

static void xattrs(void)
{
    RET(setxattr("f", "trusted.k", "v", 1, 0));
    char buf[64];
    RET(getxattr("f", "trusted.k", buf, sizeof buf));
    ssize_t n = listxattr("f", buf, sizeof buf);
    say("list has trusted.k: %s\n", n > 0 && memmem(buf, (size_t)n, "trusted.k", 9) ? "yes" : "no");
}

static void alarms(void)
{
    int fd = timerfd_create(CLOCK_REALTIME_ALARM, 0);
    say("timerfd alarm: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    if (fd >= 0) close(fd);
    timer_t t;
    struct sigevent ev = {.sigev_notify = SIGEV_NONE};
    RET(timer_create(CLOCK_BOOTTIME_ALARM, &ev, &t));
    struct timespec ts = {0, 1000};
    errno = 0;
    int r = clock_nanosleep(CLOCK_REALTIME_ALARM, 0, &ts, NULL);
    say("clock_nanosleep alarm: %s\n", ct_errname(r));
}

static void wakeup(void)
{
    int ep = epoll_create1(0);
    int p[2];
    pipe(p);
    struct epoll_event e = {.events = EPOLLIN | EPOLLWAKEUP};
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
    write(p[1], "x", 1);
    struct epoll_event got;
    RET(epoll_wait(ep, &got, 1, 0));
    say("events: %#x\n", got.events);
    // The registered mask, as fdinfo shows it: EPOLLWAKEUP is kept only with the capability.
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", ep);
    ct_read_file(path, buf, sizeof buf);
    char *ev = strstr(buf, "events:");
    unsigned mask = 0;
    if (ev) sscanf(ev + 7, "%x", &mask);
    say("registered: %#x\n", mask);
}

static void creds(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    int on = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    struct ucred mine = {getpid(), getuid(), getgid()};
    struct ucred tries[3] = {mine, mine, mine};
    tries[1].pid = getppid();
    tries[2].uid = 1000;
    for (int i = 0; i < 3; i++) {
        char cbuf[CMSG_SPACE(sizeof(struct ucred))];
        memset(cbuf, 0, sizeof cbuf);
        struct iovec iov = {"m", 1};
        struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_CREDENTIALS;
        c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
        memcpy(CMSG_DATA(c), &tries[i], sizeof(struct ucred));
        errno = 0;
        long r = sendmsg(sv[0], &m, 0);
        say("send creds %d: %s\n", i, r == 1 ? "ok" : ct_errname(errno));
        if (r == 1) recv(sv[1], cbuf, sizeof cbuf, 0);
    }
}

static void set_tid(void)
{
    pid_t want = getpid();   // in use: EEXIST once the capability check passes
    struct { uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size; } a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    a.set_tid = (uint64_t)(uintptr_t)&want;
    a.set_tid_size = 1;
    long r = syscall(SYS_clone3, &a, sizeof a);
    if (r == 0) _exit(0);
    say("clone3 set_tid: %s\n", r > 0 ? "created" : ct_errname(errno));
    if (r > 0) waitpid((pid_t)r, NULL, 0);
}

static void all(void)
{
    xattrs();
    alarms();
    wakeup();
    creds();
    set_tid();
}

static void without(void)
{
    RET(caps_drop(C_SYS_ADMIN, 0));
    RET(caps_drop(C_WAKE_ALARM, 0));
    RET(caps_drop(C_BLOCK_SUSPEND, 0));
    RET(caps_drop(C_SETUID, 0));
    all();
    RET(caps_drop(C_CHECKPOINT_RESTORE, 0));
    set_tid();
}

static void restore_only(void)
{
    RET(caps_drop(C_SYS_ADMIN, 0));
    set_tid();
}

int main(void)
{
    ct_write_file("f", "x", 0644);
    caps_step("all capabilities", all);
    caps_step("without SYS_ADMIN, WAKE_ALARM, BLOCK_SUSPEND, SETUID", without);
    caps_step("CHECKPOINT_RESTORE without SYS_ADMIN", restore_only);
    return 0;
}
