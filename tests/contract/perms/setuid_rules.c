// SPDX-License-Identifier: MIT
// Credential changes: setresuid/getresuid, setuid from root is permanent, setreuid swaps, EPERM paths.
#include "contract.h"

static void ids(const char *w)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    say("%s: uid %d/%d/%d gid %d/%d/%d\n", w, r, e, s, gr, ge, gs);
}

int main(void)
{
    ids("start");
    pid_t pid = fork();
    if (pid == 0) {
        setresgid(1000, 1000, 1000);
        RET(setresuid(1000, 2000, 0));
        ids("resuid");
        RET(seteuid(0));
        ids("seteuid 0");
        RET(seteuid(1000));
        RET(setuid(1000));
        ids("setuid 1000 (not root)");
        RET(seteuid(0));
        RET(setuid(0));
        RET(setresuid(-1, -1, -1));
        RET(setreuid(1000, 1000));
        RET(setgid(0));
        RET(setgroups(0, NULL));
        ids("end");
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        RET(setuid(1234));
        ids("root setuid");
        RET(setuid(0));
        RET(getuid() == 1234 && geteuid() == 1234);
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        RET(setreuid(1000, 1001));
        ids("setreuid");
        RET(setreuid(1001, 1000));
        ids("swapped");
        _exit(0);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
