// SPDX-License-Identifier: MIT
// Shared by the caps tests: capget/capset through the raw syscalls (version 3), dropping one
// capability, the Cap* lines of /proc/self/status, and running a step in a child so that each
// step starts from root's full sets.
#ifndef CAPS_H
#define CAPS_H
#include "contract.h"
#include <sys/prctl.h>
#include <sys/syscall.h>

// From <linux/capability.h>, which the musl toolchain does not ship.
struct ct_cap_header { unsigned version; int pid; };
struct ct_cap_data { unsigned effective, permitted, inheritable; };
#define CT_CAP_V3 0x20080522
enum {
    C_CHOWN = 0, C_DAC_OVERRIDE = 1, C_DAC_READ_SEARCH = 2, C_FOWNER = 3, C_FSETID = 4, C_KILL = 5,
    C_SETGID = 6, C_SETUID = 7, C_SETPCAP = 8, C_IPC_LOCK = 14, C_IPC_OWNER = 15, C_SYS_CHROOT = 18,
    C_SYS_PTRACE = 19, C_SYS_ADMIN = 21, C_SYS_BOOT = 22, C_SYS_NICE = 23, C_SYS_RESOURCE = 24,
    C_SYS_TIME = 25, C_MKNOD = 27, C_WAKE_ALARM = 35, C_BLOCK_SUSPEND = 36,
};

typedef struct { uint64_t eff, prm, inh; } ct_caps;

static inline int caps_get(ct_caps *c)
{
    struct ct_cap_header h = {CT_CAP_V3, 0};
    struct ct_cap_data d[2];
    memset(d, 0, sizeof d);
    if (syscall(SYS_capget, &h, d)) return -1;
    c->eff = d[0].effective | (uint64_t)d[1].effective << 32;
    c->prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
    c->inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
    return 0;
}

static inline int caps_set(const ct_caps *c)
{
    struct ct_cap_header h = {CT_CAP_V3, 0};
    struct ct_cap_data d[2] = {
        {(unsigned)c->eff, (unsigned)c->prm, (unsigned)c->inh},
        {(unsigned)(c->eff >> 32), (unsigned)(c->prm >> 32), (unsigned)(c->inh >> 32)},
    };
    return (int)syscall(SYS_capset, &h, d);
}

// Removes cap from the effective set, and from the permitted set too when all is set.
static inline int caps_drop(int cap, int all)
{
    ct_caps c;
    if (caps_get(&c)) return -1;
    c.eff &= ~(1ull << cap);
    if (all) c.prm &= ~(1ull << cap);
    return caps_set(&c);
}

// Drops cap from the effective set and reports it as a step: "drop CAP".
static inline void caps_drop_say(const char *name, int cap)
{
    int r = caps_drop(cap, 0);
    say("drop %s: %s\n", name, r ? ct_errname(errno) : "ok");
}

// The capability lines of /proc/self/status, as they are.
static inline void caps_show(const char *label)
{
    char buf[4096];
    if (ct_read_file("/proc/self/status", buf, sizeof buf) < 0) { say("%s: status %s\n", label, ct_errname(errno)); return; }
    say("[%s]\n", label);
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
        if (!strncmp(line, "Cap", 3)) say("%s\n", line);
}

// Runs fn in a child (root with every capability, as the test started) and prints its status.
static inline void caps_step(const char *label, void (*fn)(void))
{
    say("-- %s\n", label);
    pid_t pid = fork();
    if (pid == 0) { fn(); _exit(0); }
    say("%s: %s\n", label, ct_wait(pid));
}

// A child of uid/gid 1000 that waits until killed; returns its pid.
static inline pid_t caps_user_sleeper(void)
{
    int ready[2];
    if (pipe(ready)) return -1;
    pid_t pid = fork();
    if (pid == 0) { ct_become_user(); ct_sync_post(ready); for (;;) pause(); }
    ct_sync_wait(ready);
    close(ready[0]);
    close(ready[1]);
    return pid;
}
#endif
