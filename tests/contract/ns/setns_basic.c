// SPDX-License-Identifier: MIT
// setns(2) on /proc/<pid>/ns/{uts,ipc} descriptors: joining another process's UTS and IPC
// namespaces, the nstype check, unprivileged EPERM, and a descriptor keeping a namespace alive
// after its last process is gone.
#include "contract.h"
#include <sched.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#define KEY 0x4e55

static int same_link(pid_t a, pid_t b, const char *kind)
{
    char pa[64], pb[64], la[64] = "", lb[64] = "";
    snprintf(pa, sizeof pa, "/proc/%d/ns/%s", (int)a, kind);
    snprintf(pb, sizeof pb, "/proc/%d/ns/%s", (int)b, kind);
    if (readlink(pa, la, sizeof la - 1) < 0 || readlink(pb, lb, sizeof lb - 1) < 0) return -1;
    return !strcmp(la, lb);
}

int main(void)
{
    int ready[2], go[2];
    if (pipe(ready) || pipe(go)) return 1;
    sethostname("outer", 5);
    pid_t helper = fork();
    if (helper == 0) {
        unshare(CLONE_NEWUTS | CLONE_NEWIPC);
        sethostname("helper", 6);
        msgget(KEY, IPC_CREAT | 0600);
        ct_sync_post(ready);
        ct_sync_wait(go);
        _exit(0);
    }
    ct_sync_wait(ready);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/uts", (int)helper);
    int uts = open(path, O_RDONLY | O_CLOEXEC);
    snprintf(path, sizeof path, "/proc/%d/ns/ipc", (int)helper);
    int ipc = open(path, O_RDONLY | O_CLOEXEC);
    say("opened: %s %s\n", uts >= 0 ? "ok" : ct_errname(errno), ipc >= 0 ? "ok" : ct_errname(errno));
    int plain = open("/tmp/t/plain", O_CREAT | O_RDWR, 0600);
    RET(setns(-1, 0));
    RET(setns(plain, 0));
    RET(setns(plain, CLONE_NEWUTS));
    RET(setns(uts, CLONE_NEWIPC));
    RET(setns(ipc, CLONE_NEWUTS));
    RET(setns(uts, CLONE_NEWNET));
    int opath = open(path, O_PATH);
    RET(setns(opath, 0));

    pid_t pid = fork();
    if (pid == 0) {
        int r = setns(uts, CLONE_NEWUTS);
        char h[70];
        gethostname(h, sizeof h);
        say("child setns uts: %s, hostname: %s, same uts as helper: %d\n", r ? ct_errname(errno) : "ok", h,
            same_link(getpid(), helper, "uts"));
        say("msgget before ipc setns: %s\n", msgget(KEY, 0) >= 0 ? "found" : ct_errname(errno));
        r = setns(ipc, 0);
        say("child setns ipc: %s, msgget: %s, same ipc as helper: %d\n", r ? ct_errname(errno) : "ok",
            msgget(KEY, 0) >= 0 ? "found" : ct_errname(errno), same_link(getpid(), helper, "ipc"));
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    char h[70];
    gethostname(h, sizeof h);
    say("parent hostname: %s, same uts as helper: %d\n", h, same_link(getpid(), helper, "uts"));

    // The helper goes; the descriptors keep its namespaces.
    ct_sync_post(go);
    say("helper: %s\n", ct_wait(helper));
    pid = fork();
    if (pid == 0) {
        int r1 = setns(uts, 0), r2 = setns(ipc, 0);
        gethostname(h, sizeof h);
        say("after helper exit: setns %d %d, hostname: %s, msgget: %s\n", r1, r2, h,
            msgget(KEY, 0) >= 0 ? "found" : ct_errname(errno));
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(setns(uts, 0));
        RET(setns(ipc, CLONE_NEWIPC));
        _exit(0);
    }
    say("unprivileged child: %s\n", ct_wait(pid));
    return 0;
}
