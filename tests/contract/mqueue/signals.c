// SPDX-License-Identifier: MIT
// Signals during a blocked mq_timedreceive/mq_timedsend: EINTR with a handler without
// SA_RESTART, the call restarted with SA_RESTART (then completing), and a deadline kept across
// the restart.
#include "contract.h"
#include "mq_sys.h"

static void on_usr1(int s) { (void)s; }

static void child(long fd, int restart, int send)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &sa, NULL);
    char buf[32];
    long n = send ? kmq_send(fd, "s", 1, 0, NULL) : kmq_recv(fd, buf, sizeof buf, NULL, NULL);
    if (n < 0) exit(errno == EINTR ? 50 : 60);
    exit(send ? 1 : (int)n);
}

int main(void)
{
    kmq_unlink("ct_sig");
    struct kmq_attr a = {0, 1, 32, 0, {0}};
    long fd = OK(kmq_open("ct_sig", O_RDWR | O_CREAT, 0600, &a));
    char buf[32];

    pid_t c = fork();
    if (c == 0) child(fd, 0, 0);
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    say("receive, no SA_RESTART: %s\n", ct_wait(c));

    c = fork();
    if (c == 0) child(fd, 1, 0);
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    ct_msleep(50);
    ct_wait_blocked(c);
    RET(kmq_send(fd, "hello", 5, 0, NULL));
    say("receive, SA_RESTART: %s\n", ct_wait(c));

    RET(kmq_send(fd, "full", 4, 0, NULL));
    c = fork();
    if (c == 0) child(fd, 0, 1);
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    say("send, no SA_RESTART: %s\n", ct_wait(c));

    c = fork();
    if (c == 0) child(fd, 1, 1);
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    ct_msleep(50);
    ct_wait_blocked(c);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));
    say("send, SA_RESTART: %s\n", ct_wait(c));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));

    // SIGKILL ends a blocked receive; the queue is untouched.
    c = fork();
    if (c == 0) child(fd, 0, 0);
    ct_wait_blocked(c);
    kill(c, SIGKILL);
    say("killed receiver: %s\n", ct_wait(c));
    RET(kmq_send(fd, "after", 5, 0, NULL));
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));
    close(fd);
    RET(kmq_unlink("ct_sig"));
    return 0;
}
