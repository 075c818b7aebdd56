// SPDX-License-Identifier: MIT
// Message queues: type selection (0, >0, <0, MSG_EXCEPT), MSG_NOERROR and E2BIG, IPC_NOWAIT,
// a blocked receiver and a blocked sender woken, IPC_STAT counters, IPC_RMID waking with EIDRM,
// and the error cases.
#include "contract.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#define KEY 0x3e55a9e1

struct m { long type; char text[64]; };

static void snd(int id, long type, const char *t)
{
    struct m b = {type, ""};
    strcpy(b.text, t);
    if (msgsnd(id, &b, strlen(t) + 1, 0)) say("msgsnd %ld: %s\n", type, ct_errname(errno));
}

static void rcv(int id, long type, int flg)
{
    struct m b = {0, ""};
    ssize_t n = msgrcv(id, &b, sizeof b.text, type, flg);
    if (n < 0) say("msgrcv %ld: %s\n", type, ct_errname(errno));
    else say("msgrcv %ld: type %ld len %zd '%s'\n", type, b.type, n, b.text);
}

static const char *exit_err(pid_t c)
{
    int st = 0;
    while (waitpid(c, &st, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(st) ? ct_errname(WEXITSTATUS(st)) : ct_status(st);
}

int main(void)
{
    RET(msgget(KEY, 0600));
    int id = msgget(KEY, IPC_CREAT | IPC_EXCL | 0600);
    FACT("created", id >= 0);
    FACT("found", msgget(KEY, 0) == id);
    RET(msgget(KEY, IPC_CREAT | IPC_EXCL));
    snd(id, 5, "five");
    snd(id, 2, "two");
    snd(id, 7, "seven");
    snd(id, 2, "two again");
    snd(id, 1, "one");
    struct msqid_ds ds;
    OK(msgctl(id, IPC_STAT, &ds));
    say("qnum %lu cbytes %lu qbytes %lu\n", (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes,
        (unsigned long)ds.msg_qbytes);
    FACT("lspid me", ds.msg_lspid == getpid() && ds.msg_lrpid == 0);
    rcv(id, 2, 0);
    rcv(id, -3, 0);
    rcv(id, 5, MSG_EXCEPT);
    rcv(id, 0, 0);
    rcv(id, 9, IPC_NOWAIT);
    struct m small;
    RET(msgrcv(id, &small, 3, 0, 0));
    RET(msgrcv(id, &small, 3, 0, MSG_NOERROR));
    say("truncated: %.3s\n", small.text);
    rcv(id, 0, IPC_NOWAIT);
    OK(msgctl(id, IPC_STAT, &ds));
    say("qnum %lu cbytes %lu\n", (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes);
    FACT("lrpid me", ds.msg_lrpid == getpid());

    struct m b = {0, "x"};
    RET(msgsnd(id, &b, 1, 0));
    b.type = 1;
    RET(msgsnd(id, &b, 8193, 0));
    RET(msgsnd(id, &b, -1, 0));
    RET(msgsnd(-1, &b, 1, 0));
    RET(msgsnd(id, (void *)8, 1, 0));
    RET(msgrcv(id + 32768, &b, 1, 0, 0));
    RET(msgctl(id, 12345, &ds));

    // A receiver sleeps until a matching message arrives.
    pid_t c = fork();
    if (c == 0) {
        struct m r;
        ssize_t n = msgrcv(id, &r, sizeof r.text, 3, 0);
        _exit(n == 4 && r.type == 3 && !strcmp(r.text, "thr") ? 0 : n < 0 ? errno : 100);
    }
    ct_wait_blocked(c);
    snd(id, 4, "four");
    snd(id, 3, "thr");
    say("receiver: %s\n", exit_err(c));
    rcv(id, 0, IPC_NOWAIT);

    // A sender sleeps while the queue is full.
    ds.msg_qbytes = 10;
    OK(msgctl(id, IPC_SET, &ds));
    snd(id, 1, "123456789");
    b.type = 1;
    RET(msgsnd(id, &b, 2, IPC_NOWAIT));
    c = fork();
    if (c == 0) _exit(msgsnd(id, &b, 2, 0) ? errno : 0);
    ct_wait_blocked(c);
    rcv(id, 0, 0);
    say("sender: %s\n", exit_err(c));
    rcv(id, 0, IPC_NOWAIT);

    c = fork();
    if (c == 0) {
        ct_become_user();
        RET(msgget(KEY, 0600));
        RET(msgsnd(id, &b, 1, 0));
        RET(msgctl(id, IPC_RMID, NULL));
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));

    c = fork();
    if (c == 0) {
        struct m r;
        _exit(msgrcv(id, &r, sizeof r.text, 0, 0) < 0 ? errno : 0);
    }
    ct_wait_blocked(c);
    OK(msgctl(id, IPC_RMID, NULL));
    say("after rmid: %s\n", exit_err(c));
    RET(msgget(KEY, 0));

    struct msginfo mi;
    FACT("IPC_INFO", msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0);
    say("msgmax %d msgmnb %d msgmni %d msgssz %d msgseg %d\n", mi.msgmax, mi.msgmnb, mi.msgmni, mi.msgssz, mi.msgseg);
    int q2 = msgget(IPC_PRIVATE, 0600);
    snd(q2, 1, "abc");
    char buf[4096];
    ct_read_file("/proc/sysvipc/msg", buf, sizeof buf);
    char *nl = strchr(buf, '\n');
    if (nl) *nl = 0;
    say("header: [%s]\n", buf);
    FACT("MSG_STAT by index", msgctl(q2 % 32768, MSG_STAT, &ds) == q2);
    say("cbytes %lu qnum %lu\n", (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qnum);
    msgctl(q2, IPC_RMID, NULL);
    return 0;
}
