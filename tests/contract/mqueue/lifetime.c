// SPDX-License-Identifier: MIT
// Queue descriptors across fork and exec (inherited; always closed on exec), a notification
// registration across the owner's close of a duplicate, another process's close and the owner's
// exit, many priorities in order, and a deadline kept across a restarted wait.
#include "contract.h"
#include "mq_sys.h"

static void on_usr1(int s) { (void)s; }

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "exec-notify")) {
        // The registering descriptor was closed by exec: the registration is gone.
        kmq_status(atoi(argv[2]), getpid());
        return 0;
    }
    if (argc >= 3 && !strcmp(argv[1], "exec")) {
        int fd = atoi(argv[2]);
        errno = 0;
        int r = fcntl(fd, F_GETFD);
        say("after exec: %s\n", r < 0 ? ct_errname(errno) : "open");
        return 0;
    }
    kmq_unlink("ct_life");
    struct kmq_attr a = {0, 40, 16, 0, {0}};
    long fd = OK(kmq_open("ct_life", O_RDWR | O_CREAT, 0600, &a));
    char buf[16];
    unsigned prio;

    pid_t c = fork();
    if (c == 0) exit(kmq_send(fd, "kid", 3, 4, NULL) ? 1 : 0);
    say("child send: %s\n", ct_wait(c));
    RET(kmq_recv(fd, buf, sizeof buf, &prio, NULL));

    c = fork();
    if (c == 0) {
        char s[16];
        snprintf(s, sizeof s, "%ld", fd);
        ct_exec_self("exec", s);
        exit(99);
    }
    say("exec child: %s\n", ct_wait(c));

    // The owner's registration goes when it closes any descriptor of the queue.
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_NONE;
    RET(kmq_notify(fd, &ev));
    c = fork();
    if (c == 0) {
        close(fd);   // not the owner: the registration stays
        exit(0);
    }
    say("child close: %s\n", ct_wait(c));
    kmq_status(fd, getpid());
    int d = dup(fd);
    close(d);
    kmq_status(fd, getpid());

    // Exec closes the registering process's queue descriptors, which drops its registration.
    c = fork();
    if (c == 0) {
        char s[16];
        snprintf(s, sizeof s, "%d", dup(fd));   // survives the exec
        kmq_notify(fd, &ev);
        kmq_status(fd, getpid());
        ct_exec_self("exec-notify", s);
        exit(99);
    }
    say("exec-notify child: %s\n", ct_wait(c));

    // A registration made by a process that then exits lapses.
    c = fork();
    if (c == 0) exit(kmq_notify(fd, &ev) ? 1 : 0);
    say("child notify: %s\n", ct_wait(c));
    RET(kmq_notify(fd, &ev));
    RET(kmq_notify(fd, NULL));

    // 32 priorities sent in a scrambled order come back highest first.
    for (int i = 0; i < 32; i++) {
        unsigned p = (unsigned)(i * 13 % 32) * 1000;
        char m = (char)('A' + i % 26);
        kmq_send(fd, &m, 1, p, NULL);
    }
    kmq_send(fd, "z", 1, 31000, NULL);
    int ordered = 1;
    unsigned last = ~0u;
    for (int i = 0; i < 33; i++) {
        if (kmq_recv(fd, buf, sizeof buf, &prio, NULL) != 1 || prio > last) ordered = 0;
        if (i == 1) say("second at prio 31000: '%c' (the later one)\n", buf[0]);
        last = prio;
    }
    FACT("priority order", ordered);

    // A signal handled with SA_RESTART does not extend the deadline.
    c = fork();
    if (c == 0) {
        struct sigaction sa = {0};
        sa.sa_handler = on_usr1;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGUSR1, &sa, NULL);
        struct timespec dl = kmq_in_ms(300);
        long n = kmq_recv(fd, buf, sizeof buf, NULL, &dl);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        int late = now.tv_sec > dl.tv_sec || (now.tv_sec == dl.tv_sec && now.tv_nsec >= dl.tv_nsec);
        exit(n < 0 && errno == ETIMEDOUT ? (late ? 0 : 2) : 1);
    }
    ct_wait_blocked(c);
    kill(c, SIGUSR1);
    say("timed receiver: %s\n", ct_wait(c));
    close(fd);
    RET(kmq_unlink("ct_life"));
    RET(kmq_open("ct_life", O_RDWR, 0, NULL));
    return 0;
}
