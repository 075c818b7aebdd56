// SPDX-License-Identifier: MIT
// shmget/shmat/shmdt/shmctl error cases: sizes, IPC_CREAT/IPC_EXCL, lookups of missing and stale
// ids, misaligned addresses with and without SHM_RND, permissions for an unprivileged user.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define KEY 0x5a17c0de

int main(void)
{
    RET(shmget(IPC_PRIVATE, 0, 0600));
    RET(shmget(KEY, 0, 0600));
    RET(shmget(KEY, 4096, 0600));
    RET(shmget(IPC_PRIVATE, (size_t)-1, 0600));
    int id = shmget(KEY, 8192, IPC_CREAT | IPC_EXCL | 0640);
    FACT("created", id >= 0);
    FACT("same id again", shmget(KEY, 4096, 0) == id);
    FACT("same id with 0 size", shmget(KEY, 0, IPC_CREAT) == id);
    RET(shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600));
    RET(shmget(KEY, 8193, 0));
    RET(shmat(-1, NULL, 0));
    RET(shmat(id + 32768, NULL, 0));
    RET(shmctl(id + 32768, IPC_STAT, &(struct shmid_ds){0}));
    RET(shmctl(id, 12345, NULL));
    RET(shmdt((void *)1));
    RET(shmdt((void *)0x10000));

    // A chosen address: aligned, misaligned, rounded.
    char *base = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(base, 4 * 4096);
    char *a = shmat(id, base, 0);
    FACT("at given address", a == base);
    RET(shmat(id, base, 0));   // occupied
    RET(shmat(id, base + 8192 + 100, 0));
    char *b = shmat(id, base + 8192 + 100, SHM_RND);
    FACT("SHM_RND rounds down", b == base + 8192);
    strcpy(a, "one");
    say("b sees: %s\n", b);
    RET(shmdt(b + 4096));
    OK(shmdt(a));
    OK(shmdt(b));
    RET(shmat(id, NULL, SHM_REMAP));

    char *ro = shmat(id, NULL, SHM_RDONLY);
    pid_t c = fork();
    if (c == 0) { ro[0] = 1; _exit(0); }
    say("write to SHM_RDONLY: %s\n", ct_wait(c));
    OK(shmdt(ro));

    struct shmid_ds ds;
    OK(shmctl(id, IPC_STAT, &ds));
    say("segsz %zu mode %o nattch %lu\n", (size_t)ds.shm_segsz, ds.shm_perm.mode & 0777, (unsigned long)ds.shm_nattch);
    FACT("cpid is me", ds.shm_cpid == getpid());
    FACT("lpid is me", ds.shm_lpid == getpid());
    FACT("atime set", ds.shm_atime != 0);
    FACT("dtime >= atime", ds.shm_dtime >= ds.shm_atime);
    FACT("ctime set", ds.shm_ctime != 0);
    FACT("uid/cuid 0", ds.shm_perm.uid == 0 && ds.shm_perm.cuid == 0);

    c = fork();
    if (c == 0) {
        ct_become_user();
        // 0640 owned by root: group/other may not write or read.
        FACT("lookup asking nothing", shmget(KEY, 0, 0) == id);
        RET(shmget(KEY, 0, 0400));
        RET(shmat(id, NULL, SHM_RDONLY));
        RET(shmctl(id, IPC_STAT, &ds));
        RET(shmctl(id, IPC_RMID, NULL));
        int mine = shmget(IPC_PRIVATE, 4096, 0600);
        FACT("user creates", mine >= 0);
        OK(shmctl(mine, IPC_STAT, &ds));
        FACT("uid 1000", ds.shm_perm.uid == 1000 && ds.shm_perm.cgid == 1000);
        OK(shmctl(mine, IPC_RMID, NULL));
        _exit(0);
    }
    say("user child: %s\n", ct_wait(c));
    ds.shm_perm.mode = 0604;
    ds.shm_perm.uid = 1000;
    OK(shmctl(id, IPC_SET, &ds));
    c = fork();
    if (c == 0) {
        ct_become_user();
        FACT("other may read now", shmget(KEY, 0, 0400) == id);
        char *r = shmat(id, NULL, SHM_RDONLY);
        FACT("user attaches ro", r != (char *)-1);
        FACT("new owner attaches rw (owner bits 06)", shmat(id, NULL, 0) != (void *)-1);
        OK(shmctl(id, IPC_STAT, &ds));
        say("mode now %o\n", ds.shm_perm.mode & 0777);
        FACT("uid now 1000, cuid still 0", ds.shm_perm.uid == 1000 && ds.shm_perm.cuid == 0);
        _exit(0);
    }
    say("user child: %s\n", ct_wait(c));
    OK(shmctl(id, IPC_RMID, NULL));
    RET(shmget(KEY, 0, 0));
    return 0;
}
