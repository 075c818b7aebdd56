// SPDX-License-Identifier: MIT
// System V IPC and POSIX message queues: CAP_IPC_OWNER overrides the object's mode bits,
// CAP_SYS_ADMIN its ownership for IPC_SET/IPC_RMID, CAP_SYS_RESOURCE msg_qbytes beyond
// MSGMNB; a queue's mode bits yield to CAP_DAC_OVERRIDE, unlinking another user's queue needs
// CAP_FOWNER.
#include "caps.h"
#include <mqueue.h>
#include <sys/msg.h>

static int g_msq;

static void sysv(void)
{
    struct msqid_ds ds;
    RET(msgctl(g_msq, IPC_STAT, &ds));
    struct { long type; char text[4]; } m = {1, "abc"};
    RET(msgsnd(g_msq, &m, sizeof m.text, IPC_NOWAIT));
    if (msgctl(g_msq, IPC_STAT, &ds) == 0) {
        ds.msg_qbytes = 32768;
        RET(msgctl(g_msq, IPC_SET, &ds));
    } else {
        say("stat for set: %s\n", ct_errname(errno));
    }
}

static void mq(void)
{
    mqd_t q = mq_open("/caps_q", O_RDWR);
    say("mq_open: %s\n", q != (mqd_t)-1 ? "ok" : ct_errname(errno));
    if (q != (mqd_t)-1) mq_close(q);
}

static void with_all(void)
{
    sysv();
    mq();
}

static void without(void)
{
    RET(caps_drop(C_IPC_OWNER, 0));
    RET(caps_drop(C_DAC_OVERRIDE, 0));
    sysv();
    mq();
    RET(caps_drop(C_SYS_ADMIN, 0));
    RET(msgctl(g_msq, IPC_RMID, NULL));
    RET(caps_drop(C_FOWNER, 0));
    RET(mq_unlink("/caps_q"));
}

static void qbytes(void)
{
    RET(caps_drop(C_SYS_RESOURCE, 0));
    struct msqid_ds ds;
    RET(msgctl(g_msq, IPC_STAT, &ds));
    ds.msg_qbytes = 1 << 20;
    RET(msgctl(g_msq, IPC_SET, &ds));
    ds.msg_qbytes = 1024;
    RET(msgctl(g_msq, IPC_SET, &ds));
}

int main(void)
{
    key_t key = 0x43415053;
    msgctl(msgget(key, 0), IPC_RMID, NULL);   // left over by an interrupted run
    mq_unlink("/caps_q");
    // Created by uid 1000, mode 0600: root is neither creator nor owner.
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        int id = msgget(key, 0600 | IPC_CREAT | IPC_EXCL);
        mqd_t q = mq_open("/caps_q", O_RDWR | O_CREAT, 0600, NULL);
        _exit(id < 0 || q == (mqd_t)-1 ? 1 : 0);
    }
    say("user creates queues: %s\n", ct_wait(pid));
    g_msq = msgget(key, 0);
    FACT("msgget found it", g_msq >= 0);
    caps_step("all capabilities", with_all);
    caps_step("without IPC_OWNER, DAC_OVERRIDE, SYS_ADMIN, FOWNER", without);
    caps_step("msg_qbytes without SYS_RESOURCE", qbytes);
    RET(msgctl(g_msq, IPC_RMID, NULL));
    RET(mq_unlink("/caps_q"));
    return 0;
}
