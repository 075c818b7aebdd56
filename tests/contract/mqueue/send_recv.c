// SPDX-License-Identifier: MIT
// mq_timedsend/mq_timedreceive without blocking: priority order (highest first, FIFO within a
// priority), EMSGSIZE both ways, EINVAL for prio >= MQ_PRIO_MAX and bad timeouts, EBADF for the
// access mode and other files, EAGAIN, ETIMEDOUT at a past deadline, EFAULT, zero-length
// messages, and the status line's QSIZE.
#include "contract.h"
#include "mq_sys.h"

static void recv_one(long fd)
{
    char buf[64];
    unsigned prio = 12345;
    long n = kmq_recv(fd, buf, sizeof buf, &prio, NULL);
    if (n < 0) say("recv: %s\n", ct_errname(errno));
    else say("recv: len %ld prio %u '%.*s'\n", n, prio, (int)n, buf);
}

int main(void)
{
    kmq_unlink("ct_sr");
    struct kmq_attr a = {0, 4, 64, 0, {0}};
    long fd = OK(kmq_open("ct_sr", O_RDWR | O_CREAT | O_NONBLOCK, 0600, &a));
    RET(kmq_send(fd, "a1", 2, 1, NULL));
    RET(kmq_send(fd, "b5", 2, 5, NULL));
    RET(kmq_send(fd, "c1", 2, 1, NULL));
    RET(kmq_send(fd, "d5", 2, 5, NULL));
    RET(kmq_send(fd, "e9", 2, 9, NULL));
    kmq_status(fd, 0);
    kmq_show(fd);
    for (int i = 0; i < 5; i++) recv_one(fd);

    RET(kmq_send(fd, "", 0, 0, NULL));
    RET(kmq_send(fd, "max", 3, 32767, NULL));
    RET(kmq_send(fd, "bad", 3, 32768, NULL));
    RET(kmq_send(fd, "bad", 3, 0xffffffffu, NULL));
    char big[65] = {0};
    RET(kmq_send(fd, big, 64, 0, NULL));
    RET(kmq_send(fd, big, 65, 0, NULL));
    RET(kmq_send(fd, (void *)1, 3, 0, NULL));
    kmq_status(fd, 0);
    char small[63];
    RET(kmq_recv(fd, small, sizeof small, NULL, NULL));
    recv_one(fd);
    char buf[64];
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));
    recv_one(fd);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));

    // Timeouts are checked before anything else, even when the call would not block.
    struct timespec bad = {0, 1000000000L}, neg = {-1, 0}, past = {1, 0};
    RET(kmq_send(fd, "t", 1, 0, &bad));
    RET(kmq_send(fd, "t", 1, 0, &neg));
    RET(kmq_send(fd, "t", 1, 0, (void *)1));
    RET(kmq_send(fd, "t", 1, 99999, &bad));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, &bad));
    RET(kmq_send(fd, "t", 1, 0, &past));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, &past));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, &past));

    // Blocking mode with a deadline already past: ETIMEDOUT.
    struct kmq_attr blk = {0, 0, 0, 0, {0}};
    RET(kmq_getsetattr(fd, &blk, NULL));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, &past));
    for (int i = 0; i < 4; i++) kmq_send(fd, "f", 1, 0, NULL);
    RET(kmq_send(fd, "t", 1, 0, &past));
    kmq_show(fd);
    // A faulting receive buffer loses the message, as on Linux.
    RET(kmq_recv(fd, (void *)1, 64, NULL, NULL));
    RET(kmq_recv(fd, buf, 64, (void *)1, NULL));
    kmq_show(fd);

    long ro = OK(kmq_open("ct_sr", O_RDONLY, 0, NULL));
    long wo = OK(kmq_open("ct_sr", O_WRONLY, 0, NULL));
    RET(kmq_send(ro, "x", 1, 0, NULL));
    RET(kmq_recv(wo, buf, sizeof buf, NULL, NULL));
    RET(kmq_send(-1, "x", 1, 0, NULL));
    RET(kmq_recv(99, buf, sizeof buf, NULL, NULL));
    RET(kmq_send(1, "x", 1, 0, NULL));
    RET(kmq_recv(0, buf, sizeof buf, NULL, NULL));
    recv_one(ro);
    close(ro);
    close(wo);
    close(fd);
    RET(kmq_unlink("ct_sr"));
    return 0;
}
