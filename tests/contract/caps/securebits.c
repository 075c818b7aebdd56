// SPDX-License-Identifier: MIT
// Securebits (PR_GET/SET_SECUREBITS, man 7 capabilities): what systemd sets before every service.
// Setting needs CAP_SETPCAP and known bits; a locked bit cannot change and a lock cannot be
// released; KEEP_CAPS is PR_SET_KEEPCAPS and is cleared by execve; NOROOT keeps root's exec from
// granting capabilities; NO_SETUID_FIXUP keeps them across leaving root; NO_CAP_AMBIENT_RAISE.
#include "caps.h"

#ifndef PR_GET_SECUREBITS
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#endif
enum { NOROOT = 1, NOROOT_LOCKED = 2, NO_SETUID_FIXUP = 4, KEEP_CAPS = 16, KEEP_CAPS_LOCKED = 32,
       NO_CAP_AMBIENT_RAISE = 64 };

static void rules(void)
{
    RET(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, 1 << 8, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS, 0, 0, 0));
    RET(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
    RET(prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0));
    RET(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS | KEEP_CAPS_LOCKED, 0, 0, 0));
    RET(prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS_LOCKED, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS, 0, 0, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS | KEEP_CAPS_LOCKED | NOROOT, 0, 0, 0));
    RET(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
    RET(caps_drop(C_SETPCAP, 0));
    RET(prctl(PR_SET_SECUREBITS, KEEP_CAPS | KEEP_CAPS_LOCKED, 0, 0, 0));
}

static void ambient(void)
{
    ct_caps c;
    caps_get(&c);
    c.inh = 1ull << C_KILL;
    RET(caps_set(&c));
    RET(prctl(PR_SET_SECUREBITS, NO_CAP_AMBIENT_RAISE, 0, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_KILL, 0, 0));
}

static void no_fixup(void)
{
    RET(prctl(PR_SET_SECUREBITS, NO_SETUID_FIXUP, 0, 0, 0));
    RET(setresuid(1000, 1000, 1000));
    caps_show("user with NO_SETUID_FIXUP");
}

static void noroot_exec(void)
{
    RET(prctl(PR_SET_SECUREBITS, NOROOT | KEEP_CAPS, 0, 0, 0));
    ct_exec_self("exec", "noroot");
    _exit(127);
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec")) {
        caps_show("root after exec with NOROOT");
        RET(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
        return 0;
    }
    caps_step("rules", rules);
    caps_step("ambient", ambient);
    caps_step("no setuid fixup", no_fixup);
    caps_step("noroot exec", noroot_exec);
    return 0;
}
