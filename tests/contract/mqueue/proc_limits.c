// SPDX-License-Identifier: MIT
// /proc/sys/fs/mqueue: the values, root writing them (ranges, EINVAL), users not, and the
// limits taking effect: msg_max/msgsize_max for a user's mq_open, msg_default/msgsize_default
// for queues made without attributes, queues_max (ENOSPC for users, not root).
#include "contract.h"
#include "mq_sys.h"

static const char *const knobs[] = {"msg_default", "msg_max", "msgsize_default", "msgsize_max", "queues_max"};

static void show(void)
{
    char path[80], buf[64];
    for (unsigned i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "/proc/sys/fs/mqueue/%s", knobs[i]);
        ssize_t n = ct_read_file(path, buf, sizeof buf);
        say("%s: %s", knobs[i], n > 0 ? buf : "?\n");
    }
}

static void set(const char *knob, const char *v)
{
    char path[80];
    snprintf(path, sizeof path, "/proc/sys/fs/mqueue/%s", knob);
    int fd = open(path, O_WRONLY);
    if (fd < 0) {
        say("open %s: %s\n", knob, ct_errname(errno));
        return;
    }
    ssize_t n = write(fd, v, strlen(v));
    say("write %s %s: %s\n", knob, v, n < 0 ? ct_errname(errno) : "ok");
    close(fd);
}

int main(void)
{
    char n[32];
    show();
    set("msg_max", "0");
    set("msg_max", "65537");
    set("msgsize_max", "127");
    set("msgsize_max", "16777217");
    set("msg_default", "0");
    set("msgsize_default", "100");
    set("queues_max", "abc");
    show();

    set("msg_max", "20");
    set("msgsize_max", "200");
    set("msg_default", "3");
    set("msgsize_default", "150");
    set("queues_max", "2");
    show();
    kmq_unlink("ct_lim_root");
    long fd = OK(kmq_open("ct_lim_root", O_RDWR | O_CREAT, 0600, NULL));
    kmq_show(fd);
    close(fd);
    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        set("msg_max", "30");
        struct kmq_attr a = {0, 20, 200, 0, {0}};
        for (int i = 0; i < 3; i++) {
            snprintf(n, sizeof n, "ct_lim_%d", i);
            kmq_unlink(n);
            long q = kmq_open(n, O_RDWR | O_CREAT, 0600, &a);
            say("user queue %d: %s\n", i, q >= 0 ? "ok" : ct_errname(errno));
            if (q >= 0) close(q);
        }
        a.mq_maxmsg = 21;
        RET(kmq_open("ct_lim_x", O_RDWR | O_CREAT, 0600, &a));
        for (int i = 0; i < 3; i++) {
            snprintf(n, sizeof n, "ct_lim_%d", i);
            kmq_unlink(n);
        }
        exit(0);
    }
    say("user: %s\n", ct_wait(c));
    // Root is not bound by queues_max.
    for (int i = 0; i < 3; i++) {
        snprintf(n, sizeof n, "ct_lim_%d", i);
        long q = kmq_open(n, O_RDWR | O_CREAT, 0600, NULL);
        say("root queue %d: %s\n", i, q >= 0 ? "ok" : ct_errname(errno));
        if (q >= 0) close(q);
        kmq_unlink(n);
    }
    RET(kmq_unlink("ct_lim_root"));
    set("msg_max", "10");
    set("msgsize_max", "8192");
    set("msg_default", "10");
    set("msgsize_default", "8192");
    set("queues_max", "256");
    show();
    return 0;
}
