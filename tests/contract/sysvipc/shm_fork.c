// SPDX-License-Identifier: MIT
// A System V segment is shared across fork; nattch follows attaches, fork, shmdt, exec and exit;
// IPC_RMID while attached keeps it usable (SHM_DEST, key becomes IPC_PRIVATE) until the last detach.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/shm.h>

static long nattch(int id)
{
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0) return -errno * 1000;
    return (long)ds.shm_nattch;
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec")) {
        int id = atoi(argv[2]);
        say("after exec nattch: %ld\n", nattch(id));
        return 0;
    }
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    FACT("shmget private", id >= 0);
    say("nattch fresh: %ld\n", nattch(id));
    char *p = shmat(id, NULL, 0);
    FACT("shmat", p != (char *)-1);
    FACT("page aligned", ((unsigned long)p & 4095) == 0);
    say("nattch attached: %ld\n", nattch(id));
    strcpy(p, "parent");
    char *q = shmat(id, NULL, SHM_RDONLY);
    FACT("second attach elsewhere", q != (char *)-1 && q != p);
    say("second sees: %s\n", q);
    say("nattch two: %ld\n", nattch(id));
    OK(shmdt(q));
    pid_t c = fork();
    if (c == 0) {
        say("child nattch: %ld\n", nattch(id));
        say("child sees: %s\n", p);
        strcpy(p + 9000, "from child");
        char buf[16];
        snprintf(buf, sizeof buf, "%d", id);
        ct_exec_self("exec", buf);
        _exit(9);
    }
    say("child: %s\n", ct_wait(c));
    say("parent sees: %s\n", p + 9000);
    say("nattch after child: %ld\n", nattch(id));

    struct shmid_ds ds;
    OK(shmctl(id, IPC_RMID, NULL));
    OK(shmctl(id, IPC_STAT, &ds));
    FACT("SHM_DEST set", (ds.shm_perm.mode & 01000) != 0);
    say("key after rmid: %d\n", (int)ds.shm_perm.__key);
    say("still readable: %s\n", p);
    char *r = shmat(id, NULL, 0);
    FACT("attach removed segment by id", r != (char *)-1);
    say("nattch: %ld\n", nattch(id));
    OK(shmdt(r));
    OK(shmdt(p));
    RET(shmctl(id, IPC_STAT, &ds));
    RET(shmdt(p));
    RET(shmat(id, NULL, 0));
    // Exit detaches too.
    id = shmget(IPC_PRIVATE, 4096, 0600);
    c = fork();
    if (c == 0) {
        shmat(id, NULL, 0);
        shmat(id, NULL, 0);
        _exit(nattch(id));
    }
    say("child: %s\n", ct_wait(c));
    say("nattch after exit: %ld\n", nattch(id));
    OK(shmctl(id, IPC_RMID, NULL));
    RET(shmctl(id, IPC_STAT, &ds));
    return 0;
}
