// SPDX-License-Identifier: MIT
// Blocked receivers and senders: a receiver woken by a send (the message handed over), a sender
// woken by a receive (its message queued behind the others), two blocked receivers served in
// the order they blocked, and a timed receive that expires.
#include "contract.h"
#include "mq_sys.h"

static void recv_report(long fd, int tag)
{
    char buf[32];
    unsigned prio;
    long n = kmq_recv(fd, buf, sizeof buf, &prio, NULL);
    exit(n == 1 ? buf[0] - 'a' + 10 * tag : 100 + (n < 0 ? errno : 0));
}

int main(void)
{
    kmq_unlink("ct_blk");
    struct kmq_attr a = {0, 2, 32, 0, {0}};
    long fd = OK(kmq_open("ct_blk", O_RDWR | O_CREAT, 0600, &a));
    char buf[32];
    unsigned prio;

    pid_t c = fork();
    if (c == 0) recv_report(fd, 0);
    FACT("receiver blocked", ct_wait_blocked(c) == 0);
    RET(kmq_send(fd, "c", 1, 3, NULL));
    say("receiver: %s\n", ct_wait(c));
    kmq_show(fd);

    // Two receivers, blocked in order, get the messages in order.
    pid_t r1 = fork();
    if (r1 == 0) recv_report(fd, 1);
    ct_wait_blocked(r1);
    pid_t r2 = fork();
    if (r2 == 0) recv_report(fd, 2);
    ct_wait_blocked(r2);
    RET(kmq_send(fd, "a", 1, 0, NULL));
    RET(kmq_send(fd, "b", 1, 7, NULL));
    say("first receiver: %s\n", ct_wait(r1));
    say("second receiver: %s\n", ct_wait(r2));

    // A full queue: the sender blocks until a receive makes room.
    RET(kmq_send(fd, "x", 1, 5, NULL));
    RET(kmq_send(fd, "y", 1, 5, NULL));
    pid_t s = fork();
    if (s == 0) exit(kmq_send(fd, "z", 1, 9, NULL) == 0 ? 0 : errno);
    FACT("sender blocked", ct_wait_blocked(s) == 0);
    kmq_show(fd);
    long n = kmq_recv(fd, buf, sizeof buf, &prio, NULL);
    say("recv %ld '%c' prio %u\n", n, buf[0], prio);
    say("sender: %s\n", ct_wait(s));
    kmq_show(fd);
    for (int i = 0; i < 2; i++) {
        n = kmq_recv(fd, buf, sizeof buf, &prio, NULL);
        say("recv %ld '%c' prio %u\n", n, buf[0], prio);
    }

    // A deadline 100 ms ahead on an empty queue.
    struct timespec t0, t1, dl = kmq_in_ms(100);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, &dl));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    FACT("waited >= 90 ms", ms >= 90);
    RET(kmq_send(fd, "x", 1, 0, NULL));
    RET(kmq_send(fd, "y", 1, 0, NULL));
    dl = kmq_in_ms(50);
    RET(kmq_send(fd, "z", 1, 0, &dl));
    close(fd);
    RET(kmq_unlink("ct_blk"));
    return 0;
}
