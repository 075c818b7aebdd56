// SPDX-License-Identifier: MIT
// SEM_UNDO: a process's adjustments are reverted when it exits (clamped at 0), not inherited by
// fork children, and cleared by SETVAL; an exit wakes a process waiting for the reverted value.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    pid_t c = fork();
    if (c == 0) {
        struct sembuf ops[2] = {{0, 5, SEM_UNDO}, {1, 2, SEM_UNDO}};
        semop(id, ops, 2);
        struct sembuf dec = {1, -1, SEM_UNDO};
        semop(id, &dec, 1);
        say("child sees: %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
        pid_t g = fork();
        if (g == 0) _exit(0);   // the grandchild has no undo record
        ct_wait(g);
        say("after grandchild: %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
        _exit(0);
    }
    say("child: %s\n", ct_wait(c));
    say("after child: %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
    FACT("GETPID is the exited child", semctl(id, 0, GETPID) == c);

    // Clamped: the value went below the child's contribution meanwhile.
    int sync[2];
    if (pipe(sync)) return 1;
    c = fork();
    if (c == 0) {
        struct sembuf up = {0, 3, SEM_UNDO};
        semop(id, &up, 1);
        ct_sync_post(sync);
        pause();
        _exit(0);
    }
    ct_sync_wait(sync);
    semctl(id, 0, SETVAL, 1);   // clears the child's adjustment
    kill(c, SIGKILL);
    say("killed: %s\n", ct_wait(c));
    say("after SETVAL and kill: %d\n", semctl(id, 0, GETVAL));

    c = fork();
    if (c == 0) {
        struct sembuf take = {0, -1, SEM_UNDO};
        semop(id, &take, 1);
        ct_sync_post(sync);
        pause();
        _exit(0);
    }
    ct_sync_wait(sync);
    say("taken: %d\n", semctl(id, 0, GETVAL));
    pid_t w = fork();
    if (w == 0) {
        struct sembuf want = {0, -1, 0};
        int r = semop(id, &want, 1);
        say("waiter: %s\n", r == 0 ? "ok" : ct_errname(errno));
        _exit(0);
    }
    ct_wait_blocked(w);
    while (semctl(id, 0, GETNCNT) != 1) ct_msleep(5);
    kill(c, SIGKILL);
    ct_wait(c);
    say("w: %s\n", ct_wait(w));
    say("final: %d\n", semctl(id, 0, GETVAL));
    semctl(id, 0, IPC_RMID);
    return 0;
}
