// SPDX-License-Identifier: MIT
// capget/capset: version negotiation, root's full sets, dropping and raising rules, fork/exec
// inheritance, and what setuid to an unprivileged user leaves.
#include "contract.h"

// From <linux/capability.h>, which the musl toolchain does not ship.
struct __user_cap_header_struct { unsigned version; int pid; };
struct __user_cap_data_struct { unsigned effective, permitted, inheritable; };
#define _LINUX_CAPABILITY_VERSION_1 0x19980330
#define _LINUX_CAPABILITY_VERSION_2 0x20071026
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_CHOWN 0
#define CAP_KILL 5
#define CAP_NET_RAW 13
#include <sys/prctl.h>
#include <sys/syscall.h>

static long cget(unsigned version, int pid, struct __user_cap_data_struct *d)
{
    struct __user_cap_header_struct h = {version, pid};
    return syscall(SYS_capget, &h, d);
}
static long cset(unsigned version, int pid, struct __user_cap_data_struct *d)
{
    struct __user_cap_header_struct h = {version, pid};
    return syscall(SYS_capset, &h, d);
}

static void show(const char *who)
{
    struct __user_cap_data_struct d[2] = {{0}};
    long r = cget(_LINUX_CAPABILITY_VERSION_3, 0, d);
    if (r) { say("%s: capget %s\n", who, ct_errname(errno)); return; }
    say("%s: eff %08x%08x prm %08x%08x inh %08x%08x\n", who, d[1].effective, d[0].effective, d[1].permitted,
        d[0].permitted, d[1].inheritable, d[0].inheritable);
}

// Child modes re-executed to see the sets an exec computes.
static int child(const char *mode)
{
    show(mode);
    if (!strcmp(mode, "exec-keepcaps")) say("keepcaps after exec: %d\n", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
    if (!strcmp(mode, "exec-bset")) say("bset has CAP_KILL: %d\n", prctl(PR_CAPBSET_READ, CAP_KILL, 0, 0, 0));
    if (!strcmp(mode, "exec-user")) {
        struct __user_cap_data_struct d[2] = {{0}};
        d[0].permitted = 1u << CAP_CHOWN;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, d));
        d[0].permitted = 0;
        d[0].inheritable = 1u << CAP_CHOWN;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, d));
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, (struct __user_cap_data_struct[2]){{0}}));
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1) return child(argv[1]);
    struct __user_cap_header_struct h = {0x12345678, 0};
    struct __user_cap_data_struct d[2] = {{0}};
    RET(syscall(SYS_capget, &h, d));
    say("kernel version: %#x\n", h.version);
    h.version = 0;
    RET(syscall(SYS_capget, &h, NULL));
    say("probe version: %#x\n", h.version);
    h.version = _LINUX_CAPABILITY_VERSION_1;
    RET(syscall(SYS_capget, &h, NULL));
    RET(syscall(SYS_capget, NULL, d));
    RET(syscall(SYS_capget, &h, (void *)1));
    RET(cget(_LINUX_CAPABILITY_VERSION_3, -1, d));
    RET(cget(_LINUX_CAPABILITY_VERSION_3, 999999, d));
    RET(cget(_LINUX_CAPABILITY_VERSION_3, 1, d));
    say("pid 1 eff hi %08x\n", d[1].effective);
    memset(d, 0xee, sizeof d);
    RET(cget(_LINUX_CAPABILITY_VERSION_1, 0, d));
    say("v1 eff %08x second word untouched %s\n", d[0].effective, d[1].effective == 0xeeeeeeeeu ? "yes" : "no");
    RET(cget(_LINUX_CAPABILITY_VERSION_2, getpid(), d));
    show("root");

    h.version = 7;
    RET(syscall(SYS_capset, &h, d));
    say("capset bad version wrote: %#x\n", h.version);
    RET(cset(_LINUX_CAPABILITY_VERSION_3, 1, d));
    RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, NULL));

    pid_t pid = fork();
    if (pid == 0) {
        // Drop CAP_KILL from effective and permitted, raise CAP_CHOWN inheritable.
        struct __user_cap_data_struct c[2] = {{0}};
        cget(_LINUX_CAPABILITY_VERSION_3, 0, c);
        c[0].effective &= ~(1u << CAP_KILL);
        c[0].permitted &= ~(1u << CAP_KILL);
        c[0].inheritable |= 1u << CAP_CHOWN;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        show("dropped");
        // Effective beyond permitted, permitted regained: EPERM.
        c[0].effective |= 1u << CAP_KILL;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        c[0].effective &= ~(1u << CAP_KILL);
        c[0].permitted |= 1u << CAP_KILL;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        c[0].permitted &= ~(1u << CAP_KILL);
        // Bits above CAP_LAST_CAP are ignored.
        c[1].inheritable |= 0x80000000u;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        show("high bits");
        pid_t g = fork();
        if (g == 0) { show("forked"); _exit(0); }
        say("forked: %s\n", ct_wait(g));
        // Exec as root: full permitted again, inheritable kept.
        ct_exec_self("exec-root", NULL);
        _exit(127);
    }
    say("child: %s\n", ct_wait(pid));

    pid = fork();
    if (pid == 0) {
        // Effective-only drop keeps permitted; setuid(nobody) clears all but inheritable.
        struct __user_cap_data_struct c[2] = {{0}};
        cget(_LINUX_CAPABILITY_VERSION_3, 0, c);
        c[0].inheritable = 1u << CAP_NET_RAW;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        RET(seteuid(65534));
        show("seteuid nobody");
        RET(seteuid(0));
        show("seteuid back");
        RET(setfsuid(65534));
        show("setfsuid nobody");
        RET(setfsuid(0));
        show("setfsuid root");
        RET(setuid(65534));
        show("setuid nobody");
        c[0].effective = 1u << CAP_KILL;
        c[0].permitted = 1u << CAP_KILL;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        ct_exec_self("exec-user", NULL);
        _exit(127);
    }
    say("nobody: %s\n", ct_wait(pid));

    pid = fork();
    if (pid == 0) {
        // The bounding set: readable by anyone, lowered with CAP_SETPCAP, applied at exec.
        RET(prctl(PR_CAPBSET_READ, CAP_KILL, 0, 0, 0));
        RET(prctl(PR_CAPBSET_READ, 41, 0, 0, 0));
        RET(prctl(PR_CAPBSET_READ, -1L, 0, 0, 0));
        RET(prctl(PR_CAPBSET_DROP, 41, 0, 0, 0));
        RET(prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0));
        RET(prctl(PR_CAPBSET_READ, CAP_KILL, 0, 0, 0));
        show("bset dropped");
        // Raising an inheritable bit outside the bounding set: EPERM even with CAP_SETPCAP.
        struct __user_cap_data_struct c[2] = {{0}};
        cget(_LINUX_CAPABILITY_VERSION_3, 0, c);
        c[0].inheritable = 1u << CAP_KILL;
        RET(cset(_LINUX_CAPABILITY_VERSION_3, 0, c));
        ct_exec_self("exec-bset", NULL);
        _exit(127);
    }
    say("bset: %s\n", ct_wait(pid));

    pid = fork();
    if (pid == 0) {
        // PR_SET_KEEPCAPS keeps the permitted set across leaving root; exec forgets it.
        RET(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
        RET(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0));
        RET(prctl(PR_SET_KEEPCAPS, 1, 1, 0, 0));
        RET(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
        RET(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
        RET(setresuid(65534, 65534, 65534));
        show("keepcaps nobody");
        RET(prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0));
        ct_exec_self("exec-keepcaps", NULL);
        _exit(127);
    }
    say("keepcaps: %s\n", ct_wait(pid));
    return 0;
}
