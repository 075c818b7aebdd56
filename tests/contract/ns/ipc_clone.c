// SPDX-License-Identifier: MIT
// clone(CLONE_NEWIPC): the child starts in an empty IPC namespace; the parent's objects and
// the child's are apart, and the child's namespace goes away with it.
#include "contract.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>

#define KEY 0x4e54
static char stack[64 * 1024] __attribute__((aligned(16)));

static int child_fn(void *arg)
{
    (void)arg;
    int code = 0;
    if (msgget(KEY, 0) == -1 && errno == ENOENT) code |= 1;
    int q = msgget(KEY, IPC_CREAT | IPC_EXCL | 0600);
    if (q >= 0) code |= 2;
    struct { long type; char text[8]; } m = {1, "inner"};
    if (msgsnd(q, &m, sizeof m.text, 0) == 0) code |= 4;
    int s = shmget(IPC_PRIVATE, 4096, 0600);
    if (s >= 0) code |= 8;   // left behind: goes with the namespace
    return code;
}

int main(void)
{
    int q = msgget(KEY, IPC_CREAT | IPC_EXCL | 0600);
    struct { long type; char text[8]; } m = {1, "outer"};
    msgsnd(q, &m, sizeof m.text, 0);
    pid_t pid = clone(child_fn, stack + sizeof stack, CLONE_NEWIPC | SIGCHLD, NULL);
    if (pid < 0) { say("clone: %s\n", ct_errname(errno)); return 0; }
    say("child: %s (1: no old key, 2: created, 4: sent, 8: shm)\n", ct_wait(pid));
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    say("messages in our queue: %lu\n", (unsigned long)ds.msg_qnum);
    memset(&m, 0, sizeof m);
    RET(msgrcv(q, &m, sizeof m.text, 0, IPC_NOWAIT));
    say("text: %s\n", m.text);
    RET(msgget(KEY, 0) == q);
    msgctl(q, IPC_RMID, NULL);
    // Without the flag the child shares our tables.
    pid = fork();
    if (pid == 0) _exit(msgget(KEY, IPC_CREAT | IPC_EXCL | 0600) >= 0 ? 0 : 1);
    say("plain child created: %s\n", ct_wait(pid));
    RET(msgget(KEY, 0) >= 0);
    msgctl(msgget(KEY, 0), IPC_RMID, NULL);
    return 0;
}
