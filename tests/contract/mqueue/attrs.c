// SPDX-License-Identifier: MIT
// Queue attributes: the defaults, explicit ones, EINVAL for bad sizes as root (hard limits) and
// as a user (the /proc/sys/fs/mqueue limits), attributes ignored when the queue exists, and
// mq_getsetattr (only O_NONBLOCK changes; EINVAL, EBADF, EFAULT).
#include "contract.h"
#include "mq_sys.h"

static void try_attr(const char *label, long maxmsg, long msgsize)
{
    struct kmq_attr a = {0, maxmsg, msgsize, 0, {0}};
    long fd = kmq_open("ct_attrs_try", O_RDWR | O_CREAT | O_EXCL, 0600, &a);
    if (fd < 0) {
        say("%s: %s\n", label, ct_errname(errno));
        return;
    }
    say("%s: ", label);
    kmq_show(fd);
    close(fd);
    kmq_unlink("ct_attrs_try");
}

int main(void)
{
    kmq_unlink("ct_attrs");
    kmq_unlink("ct_attrs_try");
    long fd = OK(kmq_open("ct_attrs", O_RDWR | O_CREAT, 0644, NULL));
    kmq_show(fd);
    try_attr("3x100", 3, 100);
    try_attr("0 maxmsg", 0, 100);
    try_attr("-1 maxmsg", -1, 100);
    try_attr("0 msgsize", 3, 0);
    try_attr("-5 msgsize", 3, -5);
    try_attr("root 11x100", 11, 100);
    try_attr("root 65536x1", 65536, 1);
    try_attr("root 65537x1", 65537, 1);
    try_attr("root 1x16777216", 1, 16777216);
    try_attr("root 1x16777217", 1, 16777217);
    try_attr("root 20x65536", 20, 65536);
    try_attr("root 1000x8192", 1000, 8192);

    struct kmq_attr a = {0, 3, 16, 0, {0}};
    long fd2 = OK(kmq_open("ct_attrs", O_RDWR | O_CREAT, 0600, &a));
    say("existing: ");
    kmq_show(fd2);
    close(fd2);

    struct kmq_attr set = {O_NONBLOCK, 99, 99, 99, {0}}, old;
    memset(&old, 0x55, sizeof old);
    RET(kmq_getsetattr(fd, &set, &old));
    say("old flags %ld maxmsg %ld msgsize %ld curmsgs %ld reserved %ld\n", old.mq_flags, old.mq_maxmsg,
        old.mq_msgsize, old.mq_curmsgs, old.reserved[0]);
    kmq_show(fd);
    FACT("F_GETFL O_NONBLOCK", fcntl(fd, F_GETFL) & O_NONBLOCK);
    set.mq_flags = 0;
    RET(kmq_getsetattr(fd, &set, NULL));
    kmq_show(fd);
    set.mq_flags = O_NONBLOCK | O_APPEND;
    RET(kmq_getsetattr(fd, &set, NULL));
    set.mq_flags = O_RDWR;
    RET(kmq_getsetattr(fd, &set, NULL));
    RET(kmq_getsetattr(fd, NULL, NULL));
    RET(kmq_getsetattr(fd, (void *)1, NULL));
    RET(kmq_getsetattr(fd, NULL, (void *)1));
    RET(kmq_getsetattr(-1, NULL, &old));
    RET(kmq_getsetattr(0, NULL, &old));
    RET(fcntl(fd, F_SETFL, O_NONBLOCK));
    kmq_show(fd);
    RET(kmq_send(fd, "x", 1, 0, NULL));
    RET(kmq_send(fd, "y", 1, 0, NULL));
    kmq_show(fd);

    if (fork() == 0) {
        ct_become_user();
        try_attr("user 10x8192", 10, 8192);
        try_attr("user 11x100", 11, 100);
        try_attr("user 10x8193", 10, 8193);
        try_attr("user 1x1", 1, 1);
        exit(0);
    }
    wait(NULL);
    close(fd);
    RET(kmq_unlink("ct_attrs"));
    return 0;
}
