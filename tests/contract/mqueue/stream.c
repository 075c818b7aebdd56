// SPDX-License-Identifier: MIT
// Many messages through a small queue between processes that block on both sides: two
// producers and two consumers; nothing is lost or duplicated, and each producer's messages
// arrive in the order sent (one priority), also through a non-blocking consumer woken by poll.
#include "contract.h"
#include "mq_sys.h"
#include <poll.h>

#define PER_PRODUCER 300

struct msg { int producer, seq; };

static void produce(long fd, int id)
{
    for (int i = 0; i < PER_PRODUCER; i++) {
        struct msg m = {id, i};
        if (kmq_send(fd, &m, sizeof m, 0, NULL)) exit(1);
    }
    exit(0);
}

// Receives n messages; exits 0 when each producer's sequence only grows.
static void consume(long fd, int n, int use_poll, int report)
{
    int last[2] = {-1, -1}, ok = 1;
    for (int i = 0; i < n; i++) {
        struct msg m;
        long r;
        if (use_poll) {
            while ((r = kmq_recv(fd, &m, sizeof m, NULL, NULL)) < 0 && errno == EAGAIN) {
                struct pollfd p = {(int)fd, POLLIN, 0};
                poll(&p, 1, -1);
            }
        } else {
            r = kmq_recv(fd, &m, sizeof m, NULL, NULL);
        }
        if (r != sizeof m || m.producer < 0 || m.producer > 1 || m.seq <= last[m.producer]) ok = 0;
        else last[m.producer] = m.seq;
        if (report >= 0 && ok) (void)!write(report, &m, sizeof m);
    }
    exit(ok ? 0 : 1);
}

int main(void)
{
    kmq_unlink("ct_stream");
    struct kmq_attr a = {0, 3, sizeof(struct msg), 0, {0}};
    long fd = OK(kmq_open("ct_stream", O_RDWR | O_CREAT, 0600, &a));
    long nb = OK(kmq_open("ct_stream", O_RDONLY | O_NONBLOCK, 0, NULL));
    int pipefd[2];
    pipe(pipefd);
    pid_t c1 = fork();
    if (c1 == 0) consume(fd, PER_PRODUCER, 0, pipefd[1]);
    pid_t c2 = fork();
    if (c2 == 0) consume(nb, PER_PRODUCER, 1, pipefd[1]);
    close(pipefd[1]);
    pid_t p1 = fork();
    if (p1 == 0) produce(fd, 0);
    pid_t p2 = fork();
    if (p2 == 0) produce(fd, 1);
    say("producer 0: %s\n", ct_wait(p1));
    say("producer 1: %s\n", ct_wait(p2));
    say("consumer: %s\n", ct_wait(c1));
    say("polling consumer: %s\n", ct_wait(c2));
    // Every message exactly once.
    static char seen[2][PER_PRODUCER];
    struct msg m;
    int total = 0, dup = 0;
    while (ct_read_full(pipefd[0], &m, sizeof m) == sizeof m) {
        if (seen[m.producer][m.seq]++) dup++;
        total++;
    }
    say("received %d duplicates %d\n", total, dup);
    kmq_show(fd);
    close(nb);
    close(fd);
    RET(kmq_unlink("ct_stream"));
    return 0;
}
