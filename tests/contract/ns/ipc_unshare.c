// SPDX-License-Identifier: MIT
// unshare(CLONE_NEWIPC): the new namespace starts with no System V objects, its keys and ids are
// its own, fork children share it, and the old namespace's objects stay for the processes in it.
// Leaving also applies the caller's SEM_UNDO adjustments.
#include "contract.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define KEY 0x4e53

static int count_lines(const char *path)
{
    char buf[4096];
    if (ct_read_file(path, buf, sizeof buf) < 0) return -1;
    int n = 0;
    for (char *p = buf; *p; p++) n += *p == '\n';
    return n - 1;   // the header
}

static int rep[2], go[2], ready[2];
static void put(const char *label, long r)
{
    char buf[160];
    int n = r < 0 ? snprintf(buf, sizeof buf, "%s: %s\n", label, ct_errname(errno))
                  : snprintf(buf, sizeof buf, "%s: %ld\n", label, r);
    (void)!write(rep[1], buf, n);
}

int main(void)
{
    int shm = shmget(KEY, 4096, IPC_CREAT | IPC_EXCL | 0600);
    int sem = semget(KEY, 1, IPC_CREAT | IPC_EXCL | 0600);
    int msg = msgget(KEY, IPC_CREAT | IPC_EXCL | 0600);
    if (shm < 0 || sem < 0 || msg < 0) { say("setup: %s\n", ct_errname(errno)); return 0; }
    say("objects here: shm %d sem %d msg %d\n", count_lines("/proc/sysvipc/shm"), count_lines("/proc/sysvipc/sem"),
        count_lines("/proc/sysvipc/msg"));
    if (pipe(rep) || pipe(go) || pipe(ready)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        close(rep[0]);
        struct sembuf up = {0, 3, SEM_UNDO};
        semop(sem, &up, 1);
        put("child unshare", unshare(CLONE_NEWIPC));
        ct_sync_post(ready);
        ct_sync_wait(go);
        put("shmget old key", shmget(KEY, 0, 0));
        put("semget old key", semget(KEY, 0, 0));
        put("msgget old key", msgget(KEY, 0));
        put("shmctl old id", shmctl(shm, IPC_STAT, &(struct shmid_ds){0}));
        put("semctl old id", semctl(sem, 0, GETVAL));
        put("msgctl old id", msgctl(msg, IPC_STAT, &(struct msqid_ds){0}));
        put("shm objects", count_lines("/proc/sysvipc/shm"));
        put("sem objects", count_lines("/proc/sysvipc/sem"));
        put("msg objects", count_lines("/proc/sysvipc/msg"));
        int mine = shmget(KEY, 8192, IPC_CREAT | IPC_EXCL | 0600);
        put("own segment with the same key", mine >= 0 ? 0 : -1);
        pid_t g = fork();
        if (g == 0) _exit(shmget(KEY, 0, 0) == mine ? 0 : 1);
        int st;
        waitpid(g, &st, 0);
        put("fork child finds it (exit code)", WEXITSTATUS(st));
        // An attach keeps the namespace's segment after the last process leaves it.
        char *p = shmat(mine, NULL, 0);
        put("attach", p == (void *)-1 ? -1 : 0);
        strcpy(p, "still here");
        put("unshare again", unshare(CLONE_NEWIPC));
        put("mapping intact", strcmp(p, "still here") == 0);
        put("shmdt", shmdt(p));
        put("shm objects now", count_lines("/proc/sysvipc/shm"));
        _exit(0);
    }
    close(rep[1]);
    ct_sync_wait(ready);
    // The child left with its SEM_UNDO adjustment applied (3 up, undone).
    say("semaphore after child's unshare: %d\n", semctl(sem, 0, GETVAL));
    ct_sync_post(go);
    char buf[2048];
    ssize_t n = ct_read_full(rep[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("child: %s\n", ct_wait(pid));
    say("%s", buf);
    struct shmid_ds ds;
    say("own segment still here: %s\n", shmget(KEY, 0, 0) == shm ? "yes" : "no");
    shmctl(shm, IPC_STAT, &ds);
    say("its size: %zu\n", (size_t)ds.shm_segsz);
    say("objects here: shm %d sem %d msg %d\n", count_lines("/proc/sysvipc/shm"), count_lines("/proc/sysvipc/sem"),
        count_lines("/proc/sysvipc/msg"));
    shmctl(shm, IPC_RMID, NULL);
    semctl(sem, 0, IPC_RMID);
    msgctl(msg, IPC_RMID, NULL);
    return 0;
}
