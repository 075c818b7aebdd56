// SPDX-License-Identifier: MIT
// Sleeping in semop: a waiter is woken by the increment it waits for (GETNCNT/GETZCNT count it
// meanwhile), semtimedop times out with EAGAIN, a signal ends the wait with EINTR, and IPC_RMID
// wakes sleepers with EIDRM.
#include "contract.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>

static void on_usr1(int s) { (void)s; }

static pid_t child_op(int id, short num, short op)
{
    pid_t c = fork();
    if (c == 0) {
        struct sembuf b = {num, op, 0};
        _exit(semop(id, &b, 1) == 0 ? 0 : errno);
    }
    return c;
}

// The child's semop result, from its exit code (children do not print: no interleaving).
static const char *op_result(pid_t c)
{
    int st = 0;
    while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(st) ? ct_errname(WEXITSTATUS(st)) : ct_status(st);
}

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    pid_t a = child_op(id, 0, -2);
    ct_wait_blocked(a);
    while (semctl(id, 0, GETNCNT) != 1) ct_msleep(5);
    say("ncnt: %d zcnt: %d\n", semctl(id, 0, GETNCNT), semctl(id, 0, GETZCNT));
    struct sembuf one = {0, 1, 0};
    OK(semop(id, &one, 1));
    ct_msleep(50);
    say("ncnt after one: %d\n", semctl(id, 0, GETNCNT));
    OK(semop(id, &one, 1));
    say("a: %s\n", op_result(a));
    say("value: %d\n", semctl(id, 0, GETVAL));
    FACT("GETPID is the child", semctl(id, 0, GETPID) == a);

    semctl(id, 1, SETVAL, 3);
    pid_t z = child_op(id, 1, 0);
    ct_wait_blocked(z);
    while (semctl(id, 1, GETZCNT) != 1) ct_msleep(5);
    say("zcnt: %d\n", semctl(id, 1, GETZCNT));
    OK(semctl(id, 1, SETVAL, 0));
    say("z: %s\n", op_result(z));

    struct timespec ts = {0, 20 * 1000 * 1000};
    struct sembuf dec = {0, -1, 0};
    RET(semtimedop(id, &dec, 1, &ts));
    struct timespec badts = {0, 1000000000};
    RET(semtimedop(id, &dec, 1, &badts));

    pid_t s = fork();
    if (s == 0) {
        struct sigaction sa = {0};
        sa.sa_handler = on_usr1;
        sa.sa_flags = SA_RESTART;   // semop is never restarted
        sigaction(SIGUSR1, &sa, NULL);
        RET(semop(id, &dec, 1));
        _exit(0);
    }
    ct_wait_blocked(s);
    while (semctl(id, 0, GETNCNT) != 1) ct_msleep(5);
    kill(s, SIGUSR1);
    say("signalled: %s\n", ct_wait(s));
    say("ncnt after signal: %d\n", semctl(id, 0, GETNCNT));

    semctl(id, 1, SETVAL, 1);   // before the zero-waiter starts, or it would not wait
    pid_t r1 = child_op(id, 0, -1);
    pid_t r2 = child_op(id, 1, 0);
    ct_wait_blocked(r1);
    ct_wait_blocked(r2);
    while (semctl(id, 0, GETNCNT) != 1 || semctl(id, 1, GETZCNT) != 1) ct_msleep(5);
    OK(semctl(id, 0, IPC_RMID));
    say("r1: %s\n", op_result(r1));
    say("r2: %s\n", op_result(r2));
    return 0;
}
