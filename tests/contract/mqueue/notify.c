// SPDX-License-Identifier: MIT
// mq_notify: SIGEV_SIGNAL (si_code SI_MESGQ, si_value, si_pid/si_uid of the sender), sent once
// when a message reaches an empty queue and then unregistered; not sent when the queue was not
// empty or a receiver was waiting; EBUSY; removal with NULL and by close; SIGEV_NONE; the
// status line; EINVAL; SIGEV_THREAD with descriptors that are not netlink sockets.
#include "contract.h"
#include "mq_sys.h"
#include <sys/socket.h>

static volatile sig_atomic_t got;
static volatile int got_code, got_value, got_pid, got_uid;
static pid_t sender;

static void on_sig(int s, siginfo_t *si, void *u)
{
    (void)s;
    (void)u;
    got++;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
    got_pid = si->si_pid;   // compared once fork has returned the child's pid (the signal may come first)
    got_uid = si->si_uid;
}

static struct sigevent sig_event(int signo, int value)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = signo;
    ev.sigev_value.sival_int = value;
    return ev;
}

static void send_from_child(long fd, const char *m, int as_user)
{
    pid_t c = fork();
    if (c == 0) {
        if (as_user) {
            if (setresuid(1000, 1000, 1000)) exit(9);
        }
        exit(kmq_send(fd, m, strlen(m), 0, NULL) ? 1 : 0);
    }
    sender = c;
    say("sender: %s\n", ct_wait(c));
}

int main(void)
{
    kmq_unlink("ct_ntf");
    struct sigaction sa = {0};
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    long fd = OK(kmq_open("ct_ntf", O_RDWR | O_CREAT, 0666, NULL));
    char buf[8192];
    pid_t self = getpid();

    kmq_status(fd, self);
    struct sigevent ev = sig_event(SIGUSR1, 42);
    RET(kmq_notify(fd, &ev));
    kmq_status(fd, self);
    RET(kmq_notify(fd, &ev));
    send_from_child(fd, "one", 1);
    say("signals %d code SI_MESGQ %s value %d pid ok %d uid %d\n", got, got_code == SI_MESGQ ? "yes" : "no",
        got_value, got_pid == sender, got_uid);
    kmq_status(fd, self);
    // Unregistered now: a second message on the non-empty queue tells nobody.
    send_from_child(fd, "two", 0);
    say("signals %d\n", got);

    // Registered on a non-empty queue: nothing until it empties and fills again.
    ev = sig_event(SIGUSR1, 7);
    RET(kmq_notify(fd, &ev));
    send_from_child(fd, "three", 0);
    say("signals %d\n", got);
    while (kmq_recv(fd, buf, sizeof buf, NULL, &(struct timespec){0, 0}) >= 0) {}
    send_from_child(fd, "four", 0);
    say("signals %d value %d uid %d\n", got, got_value, got_uid);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));

    // A waiting receiver takes the message: no notification, the registration stays.
    RET(kmq_notify(fd, &ev));
    pid_t r = fork();
    if (r == 0) exit(kmq_recv(fd, buf, sizeof buf, NULL, NULL) == 4 ? 0 : 1);
    ct_wait_blocked(r);
    RET(kmq_send(fd, "five", 4, 0, NULL));
    say("receiver: %s\n", ct_wait(r));
    say("signals %d\n", got);
    kmq_status(fd, self);

    // Another process cannot register, nor remove ours.
    pid_t o = fork();
    if (o == 0) {
        struct sigevent e2 = sig_event(SIGUSR2, 1);
        if (kmq_notify(fd, &e2) == 0) exit(0);
        int e = errno;
        kmq_notify(fd, NULL);
        exit(e == EBUSY ? 3 : 4);
    }
    say("other process: %s\n", ct_wait(o));
    kmq_status(fd, self);
    RET(kmq_notify(fd, NULL));
    kmq_status(fd, self);
    RET(kmq_notify(fd, NULL));

    // SIGEV_NONE: registered, then dropped by a message, with no signal.
    struct sigevent none;
    memset(&none, 0, sizeof none);
    none.sigev_notify = SIGEV_NONE;
    none.sigev_signo = SIGUSR1;
    RET(kmq_notify(fd, &none));
    kmq_status(fd, self);
    RET(kmq_notify(fd, &ev));
    RET(kmq_send(fd, "six", 3, 0, NULL));
    kmq_status(fd, self);
    say("signals %d\n", got);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));

    // Signal 0 registers but sends nothing.
    struct sigevent zero = sig_event(0, 1);
    RET(kmq_notify(fd, &zero));
    kmq_status(fd, self);
    RET(kmq_send(fd, "seven", 5, 0, NULL));
    kmq_status(fd, self);
    RET(kmq_recv(fd, buf, sizeof buf, NULL, NULL));

    // close() by the registered process removes the registration.
    long fd2 = OK(kmq_open("ct_ntf", O_RDONLY, 0, NULL));
    RET(kmq_notify(fd2, &ev));
    kmq_status(fd, self);
    close(fd2);
    kmq_status(fd, self);

    // Errors.
    struct sigevent badsig = sig_event(65, 0), neg = sig_event(-1, 0), kind = sig_event(SIGUSR1, 0);
    kind.sigev_notify = 99;
    RET(kmq_notify(fd, &badsig));
    RET(kmq_notify(fd, &neg));
    RET(kmq_notify(fd, &kind));
    kind.sigev_notify = SIGEV_THREAD_ID;
    RET(kmq_notify(fd, &kind));
    RET(kmq_notify(fd, (void *)1));
    RET(kmq_notify(-1, &ev));
    RET(kmq_notify(0, &ev));
    RET(kmq_notify(0, NULL));

    // SIGEV_THREAD wants a netlink socket in sigev_signo and a 32-byte cookie at sival_ptr.
    char cookie[32] = {0};
    int p[2], sv[2];
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct sigevent th;
    memset(&th, 0, sizeof th);
    th.sigev_notify = SIGEV_THREAD;
    th.sigev_value.sival_ptr = cookie;
    th.sigev_signo = -1;
    RET(kmq_notify(fd, &th));
    th.sigev_signo = p[0];
    RET(kmq_notify(fd, &th));
    th.sigev_signo = sv[0];
    RET(kmq_notify(fd, &th));
    RET(kmq_notify(-1, &th));
    th.sigev_value.sival_ptr = (void *)1;
    RET(kmq_notify(fd, &th));
    kmq_status(fd, self);
    close(fd);
    RET(kmq_unlink("ct_ntf"));
    return 0;
}
