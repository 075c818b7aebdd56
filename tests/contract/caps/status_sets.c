// SPDX-License-Identifier: MIT
// The CapInh/CapPrm/CapEff/CapBnd/CapAmb lines of /proc/self/status after capset, the bounding
// set dropped with PR_CAPBSET_DROP, uid changes (seteuid, setfsuid, setuid with and without
// PR_SET_KEEPCAPS) and execve.
#include "caps.h"

static void drop_effective(void)
{
    caps_drop_say("eff CAP_CHOWN", C_CHOWN);
    caps_show("eff without CAP_CHOWN");
    RET(caps_drop(C_KILL, 1));
    caps_show("prm without CAP_KILL");
    ct_caps c;
    caps_get(&c);
    c.eff |= 1ull << C_CHOWN;   // still permitted: may come back
    RET(caps_set(&c));
    c.eff |= 1ull << C_KILL;   // gone from permitted: may not
    RET(caps_set(&c));
    c.eff &= ~(1ull << C_KILL);
    c.inh = (1ull << C_SYS_TIME) | (1ull << C_SYS_CHROOT);
    RET(caps_set(&c));
    caps_show("inheritable set");
}

static void bounding(void)
{
    RET(prctl(PR_CAPBSET_DROP, C_SYS_ADMIN, 0, 0, 0));
    RET(prctl(PR_CAPBSET_DROP, C_MKNOD, 0, 0, 0));
    caps_show("bounding without SYS_ADMIN, MKNOD");
    // Without CAP_SETPCAP the bounding set is fixed.
    RET(caps_drop(C_SETPCAP, 0));
    RET(prctl(PR_CAPBSET_DROP, C_KILL, 0, 0, 0));
    RET(prctl(PR_CAPBSET_READ, C_KILL, 0, 0, 0));
    ct_exec_self("show", "exec after bounding drop");
    _exit(127);
}

static void uids(void)
{
    RET(seteuid(1000));
    caps_show("seteuid 1000");
    RET(seteuid(0));
    caps_show("seteuid 0");
    RET(setfsuid(1000));
    caps_show("setfsuid 1000");
    RET(setfsuid(0));
    caps_show("setfsuid 0");
    RET(caps_drop(C_DAC_OVERRIDE, 1));
    RET(setfsuid(1000));
    RET(setfsuid(0));
    caps_show("setfsuid 0 without prm DAC_OVERRIDE");
    RET(setresuid(1000, 1000, 0));
    caps_show("setresuid 1000 1000 0");
    RET(setresuid(1000, 1000, 1000));
    caps_show("setresuid 1000 1000 1000");
}

static void keepcaps(void)
{
    RET(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
    RET(caps_drop(C_SYS_TIME, 1));
    RET(setuid(1000));
    caps_show("keepcaps setuid 1000");
    ct_caps c;
    caps_get(&c);
    c.eff = c.prm & ~(1ull << C_SYS_NICE);
    RET(caps_set(&c));
    caps_show("keepcaps raised effective");
    ct_exec_self("show", "exec as 1000");
    _exit(127);
}

static void exec_root(void)
{
    ct_caps c;
    caps_get(&c);
    c.eff = c.prm = 1ull << C_CHOWN;
    c.inh = 1ull << C_KILL;
    RET(caps_set(&c));
    caps_show("root with only CHOWN");
    ct_exec_self("show", "exec as root");
    _exit(127);
}

static void exec_nnp(void)
{
    // With no_new_privs an exec by root gains nothing beyond the permitted set it had.
    RET(caps_drop(C_SYS_TIME, 1));
    RET(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    ct_exec_self("show", "exec with no_new_privs");
    _exit(127);
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "show")) {
        caps_show(argv[2]);
        return 0;
    }
    caps_show("start");
    caps_step("capset", drop_effective);
    caps_step("bounding", bounding);
    caps_step("uid changes", uids);
    caps_step("keepcaps", keepcaps);
    caps_step("exec as root", exec_root);
    caps_step("exec with no_new_privs", exec_nnp);
    return 0;
}
