// SPDX-License-Identifier: MIT
// semget/semop/semctl without sleeping: values, atomic multi-operation lists, IPC_NOWAIT, the
// GET*/SET* commands, IPC_STAT/IPC_SET, and the error cases.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/sem.h>

#define KEY 0x5e3a0001

union semun { int val; struct semid_ds *buf; unsigned short *array; struct seminfo *__buf; };

static void show(int id, int n)
{
    unsigned short v[8];
    semctl(id, 0, GETALL, (union semun){.array = v});
    say("values:");
    for (int i = 0; i < n; i++) say(" %d", v[i]);
    say("\n");
}

int main(void)
{
    RET(semget(IPC_PRIVATE, 0, 0600));
    RET(semget(IPC_PRIVATE, -1, 0600));
    RET(semget(IPC_PRIVATE, 100000, 0600));
    RET(semget(KEY, 3, 0600));
    int id = semget(KEY, 3, IPC_CREAT | IPC_EXCL | 0600);
    FACT("created", id >= 0);
    FACT("found again", semget(KEY, 0, 0) == id && semget(KEY, 3, 0) == id);
    RET(semget(KEY, 4, 0));
    RET(semget(KEY, 3, IPC_CREAT | IPC_EXCL));
    show(id, 3);
    struct semid_ds ds;
    OK(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    say("nsems %lu mode %o otime %ld\n", (unsigned long)ds.sem_nsems, ds.sem_perm.mode, (long)ds.sem_otime);
    FACT("ctime set", ds.sem_ctime != 0);

    OK(semctl(id, 1, SETVAL, (union semun){.val = 5}));
    RET(semctl(id, 1, GETVAL));
    FACT("GETPID is me", semctl(id, 1, GETPID) == getpid());
    RET(semctl(id, 0, GETPID));
    RET(semctl(id, 3, GETVAL));
    RET(semctl(id, -1, GETVAL));
    RET(semctl(id, 0, SETVAL, (union semun){.val = -1}));
    RET(semctl(id, 0, SETVAL, (union semun){.val = 32768}));
    OK(semctl(id, 0, SETVAL, (union semun){.val = 32767}));
    unsigned short all[3] = {1, 2, 3};
    OK(semctl(id, 0, SETALL, (union semun){.array = all}));
    show(id, 3);
    unsigned short bad[3] = {1, 40000, 3};
    RET(semctl(id, 0, SETALL, (union semun){.array = bad}));
    show(id, 3);

    struct sembuf ops[3] = {{0, -1, 0}, {1, 2, 0}, {2, -3, 0}};
    OK(semop(id, ops, 3));
    show(id, 3);
    OK(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    FACT("otime set by semop", ds.sem_otime != 0);
    // All or nothing: the last operation cannot proceed, so the first is undone.
    struct sembuf ops2[2] = {{1, 1, 0}, {2, -1, IPC_NOWAIT}};
    RET(semop(id, ops2, 2));
    show(id, 3);
    struct sembuf wz = {1, 0, IPC_NOWAIT};
    RET(semop(id, &wz, 1));
    struct sembuf z = {2, 0, 0};
    OK(semop(id, &z, 1));
    struct sembuf dup[2] = {{1, 3, 0}, {1, -7, 0}};
    OK(semop(id, dup, 2));
    show(id, 3);
    struct sembuf big = {0, 32767, 0};
    OK(semop(id, &big, 1));
    struct sembuf over = {0, 1, 0};
    RET(semop(id, &over, 1));
    struct sembuf far = {3, 1, 0};
    RET(semop(id, &far, 1));
    RET(semop(id, ops, 0));
    struct sembuf many[501] = {{0}};
    RET(semop(id, many, 501));
    RET(semop(-1, ops, 1));
    RET(semop(id + 32768, ops, 1));
    RET(semop(id, (struct sembuf *)8, 1));
    RET(semctl(id, 0, 12345));

    struct seminfo si;
    FACT("IPC_INFO", semctl(0, 0, IPC_INFO, (union semun){.__buf = &si}) >= 0);
    say("semmsl %d semmns %d semopm %d semmni %d semvmx %d semaem %d\n", si.semmsl, si.semmns, si.semopm,
        si.semmni, si.semvmx, si.semaem);
    int maxidx = semctl(0, 0, SEM_INFO, (union semun){.__buf = &si});
    FACT("SEM_INFO usz >= 1", si.semusz >= 1 && maxidx >= id % 32768);
    FACT("SEM_STAT by index", semctl(id % 32768, 0, SEM_STAT, (union semun){.buf = &ds}) == id);

    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        RET(semget(KEY, 0, 0600));
        RET(semctl(id, 0, GETVAL));
        RET(semop(id, &over, 1));
        RET(semctl(id, 0, IPC_RMID));
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    ds.sem_perm.mode = 0644;
    OK(semctl(id, 0, IPC_SET, (union semun){.buf = &ds}));
    c = fork();
    if (c == 0) {
        ct_become_user();
        RET(semctl(id, 1, GETVAL));
        RET(semop(id, &over, 1));
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    OK(semctl(id, 0, IPC_RMID));
    RET(semctl(id, 0, GETVAL));
    RET(semget(KEY, 0, 0));
    return 0;
}
