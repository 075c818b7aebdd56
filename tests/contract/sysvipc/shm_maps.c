// SPDX-License-Identifier: MIT
// How an attach looks in /proc/self/maps (a deleted /SYSV<key> file whose inode is the id), and
// nattch counting mappings as Linux does: splitting one with mprotect adds one, munmap of a part
// removes it, shmdt takes every piece of the attach.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

static long nattch(int id)
{
    struct shmid_ds ds;
    return shmctl(id, IPC_STAT, &ds) < 0 ? -errno : (long)ds.shm_nattch;
}

int main(void)
{
    int id = shmget(0x5a17c0e0, 3 * 4096, IPC_CREAT | IPC_EXCL | 0600);
    char *p = shmat(id, NULL, 0);
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int seen = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long start, end, ino;
        char perms[8], dev[16], path[256] = "";
        if (sscanf(line, "%lx-%lx %7s %*x %15s %lu %255[^\n]", &start, &end, perms, dev, &ino, path) >= 5 &&
            start == (unsigned long)p) {
            seen = 1;
            char *s = path;
            while (*s == ' ') s++;
            say("maps: %s dev %s pages %lu name '%s' ino is id: %d\n", perms, dev, (end - start) / 4096, s,
                ino == (unsigned long)id);
        }
    }
    if (f) fclose(f);
    FACT("listed in maps", seen);
    say("nattch: %ld\n", nattch(id));
    OK(mprotect(p + 4096, 4096, PROT_READ));
    say("nattch after split: %ld\n", nattch(id));
    OK(mprotect(p + 4096, 4096, PROT_READ | PROT_WRITE));
    say("nattch after mprotect back: %ld\n", nattch(id));
    OK(munmap(p + 2 * 4096, 4096));
    say("nattch after partial munmap: %ld\n", nattch(id));
    RET(shmdt(p + 4096));
    OK(shmdt(p));
    say("nattch after shmdt: %ld\n", nattch(id));
    char *q = shmat(id, NULL, 0);
    OK(munmap(q, 3 * 4096));
    say("nattch after munmap: %ld\n", nattch(id));
    OK(shmctl(id, IPC_RMID, NULL));
    return 0;
}
