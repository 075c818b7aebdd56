// SPDX-License-Identifier: MIT
// CAP_SETUID and CAP_SETGID: the user-id calls need the first, the group-id calls and
// setgroups the second; without them root moves only among its own ids.
#include "caps.h"

static void ids(void)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    gid_t gr, ge, gs;
    getresgid(&gr, &ge, &gs);
    say("uids %u %u %u gids %u %u %u fsuid %d fsgid %d\n", r, e, s, gr, ge, gs, setfsuid(-1), setfsgid(-1));
}

static void no_setuid(void)
{
    RET(caps_drop(C_SETUID, 1));
    RET(setuid(1000));
    RET(setreuid(1000, -1));
    RET(setresuid(-1, 1000, -1));
    RET(seteuid(1000));
    RET(setfsuid(1000));
    RET(setuid(0));
    RET(setgid(1000));
    gid_t g = 1000;
    RET(setgroups(1, &g));
    ids();
}

static void no_setgid(void)
{
    RET(caps_drop(C_SETGID, 1));
    RET(setgid(1000));
    RET(setregid(-1, 1000));
    RET(setresgid(1000, -1, -1));
    RET(setfsgid(1000));
    gid_t g = 1000;
    RET(setgroups(1, &g));
    RET(setgroups(0, NULL));
    RET(setgid(0));
    RET(setuid(1000));
    ids();
}

static void only_setuid(void)
{
    ct_caps c = {1ull << C_SETUID, 1ull << C_SETUID, 0};
    RET(caps_set(&c));
    RET(setresuid(1000, 1001, 1002));
    ids();
}

int main(void)
{
    caps_step("without CAP_SETUID", no_setuid);
    caps_step("without CAP_SETGID", no_setgid);
    caps_step("only CAP_SETUID", only_setuid);
    return 0;
}
