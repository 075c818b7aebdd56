// SPDX-License-Identifier: MIT
// What ipcs reads: IPC_INFO, SHM_INFO, SHM_STAT/SHM_STAT_ANY by index, /proc/sysvipc/shm and the
// kernel.shm* sysctls.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
    struct shminfo info;
    int maxidx = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
    FACT("IPC_INFO", maxidx >= 0);
    say("shmmax %lu shmmin %lu shmmni %lu shmseg %lu shmall %lu\n", info.shmmax, info.shmmin, info.shmmni,
        info.shmseg, info.shmall);
    int id = shmget(0x5a17c0df, 12345, IPC_CREAT | 0644);
    char *p = shmat(id, NULL, 0);
    memset(p, 1, 5000);
    struct shm_info si;
    maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)&si);
    FACT("SHM_INFO max index covers it", maxidx >= id % 32768);
    FACT("used_ids >= 1", si.used_ids >= 1);
    FACT("shm_tot >= 4 pages", si.shm_tot >= 4);
    FACT("shm_rss >= 2 pages", si.shm_rss >= 2);
    int found = 0;
    for (int i = 0; i <= maxidx; i++) {
        struct shmid_ds ds;
        int r = shmctl(i, SHM_STAT, &ds);
        if (r == id) {
            found = 1;
            say("SHM_STAT: size %zu nattch %lu mode %o key %x\n", (size_t)ds.shm_segsz,
                (unsigned long)ds.shm_nattch, ds.shm_perm.mode, (unsigned)ds.shm_perm.__key);
            FACT("SHM_STAT_ANY agrees", shmctl(i, SHM_STAT_ANY, &ds) == id);
        }
    }
    FACT("found by index", found);
    RET(shmctl(32767, SHM_STAT, &(struct shmid_ds){0}));

    char buf[8192];
    ssize_t n = ct_read_file("/proc/sysvipc/shm", buf, sizeof buf);
    FACT("/proc/sysvipc/shm", n > 0);
    char *nl = strchr(buf, '\n');
    if (nl) *nl = 0;
    say("header: [%s]\n", buf);
    char *line = nl ? nl + 1 : buf;
    int seen = 0;
    while (line && *line) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        int key, sid, cpid, lpid;
        unsigned perms;
        unsigned long size, nat, rss;
        unsigned uid, gid, cuid, cgid;
        long long at, dt, ct;
        if (sscanf(line, "%d %d %o %lu %d %d %lu %u %u %u %u %lld %lld %lld %lu", &key, &sid, &perms, &size,
                   &cpid, &lpid, &nat, &uid, &gid, &cuid, &cgid, &at, &dt, &ct, &rss) == 15 && sid == id) {
            seen = 1;
            say("proc: key %x perms %o size %lu nattch %lu uid %u rss %lu\n", key, perms, size, nat, uid, rss);
            FACT("proc cpid/lpid me", cpid == getpid() && lpid == getpid());
        }
        line = end ? end + 1 : NULL;
    }
    FACT("listed", seen);
    OK(shmctl(id, IPC_RMID, NULL));
    OK(shmdt(p));
    const char *knobs[] = {"shmmax", "shmall", "shmmni"};
    for (int i = 0; i < 3; i++) {
        char path[64], v[64];
        snprintf(path, sizeof path, "/proc/sys/kernel/%s", knobs[i]);
        n = ct_read_file(path, v, sizeof v);
        say("%s: %s", knobs[i], n > 0 ? v : "missing\n");
    }
    OK(ct_write_file("/proc/sys/kernel/shmmax", "100000\n", 0));
    RET(shmget(IPC_PRIVATE, 100001, 0600));
    OK(ct_write_file("/proc/sys/kernel/shmmax", "18446744073692774399\n", 0));
    return 0;
}
