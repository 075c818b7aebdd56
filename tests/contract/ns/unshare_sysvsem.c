// SPDX-License-Identifier: MIT
// unshare(CLONE_SYSVSEM) applies and drops the caller's SEM_UNDO adjustments as exit would;
// later SEM_UNDO operations start a fresh list that exit applies again.
#include "contract.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    if (id < 0) { say("semget: %s\n", ct_errname(errno)); return 0; }
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf up = {0, 5, SEM_UNDO};
        semop(id, &up, 1);
        int before = semctl(id, 0, GETVAL);
        int r = unshare(CLONE_SYSVSEM);
        int after = semctl(id, 0, GETVAL);
        struct sembuf up2 = {0, 2, SEM_UNDO};
        semop(id, &up2, 1);
        int again = semctl(id, 0, GETVAL);
        _exit((r == 0) * 100 + before * 10 + after + (again == 2 ? 0 : 50));
    }
    say("child: %s (unshare ok*100 + before*10 + after)\n", ct_wait(pid));
    say("value after child's exit: %d\n", semctl(id, 0, GETVAL));
    semctl(id, 0, IPC_RMID);
    return 0;
}
