// SPDX-License-Identifier: MIT
// setpgid: own group, child's group, ESRCH for non-children, EACCES after the child execs, EPERM across sessions.
#include "contract.h"

int main(int argc, char **argv)
{
    if (argc > 1) { pause(); _exit(0); }
    say("test is group leader: %s\n", getpgid(0) == getpid() ? "yes" : "no");
    int go[2];
    pipe(go);
    pid_t a = fork();
    if (a == 0) { ct_sync_wait(go); _exit(0); }
    RET(setpgid(a, a));
    FACT("child leads own group", getpgid(a) == a);
    RET(setpgid(a, getpgid(0)));
    FACT("child back in our group", getpgid(a) == getpgid(0));
    RET(setpgid(a, 12345678));
    RET(setpgid(-1, 0));
    RET(setpgid(1, 1));
    RET(setpgid(0, 0));
    ct_sync_post(go);
    ct_wait(a);
    pid_t b = fork();
    if (b == 0) { ct_exec_self("wait", NULL); _exit(99); }
    ct_wait_blocked(b); // in pause() after the exec
    RET(setpgid(b, b));
    kill(b, SIGKILL);
    ct_wait(b);
    pid_t c = fork();
    if (c == 0) { setsid(); ct_sync_wait(go); _exit(0); }
    ct_wait_blocked(c); // blocked on the pipe after setsid()
    RET(setpgid(c, getpgid(0)));
    RET(setpgid(c, c));
    ct_sync_post(go);
    ct_wait(c);
    RET(getpgid(999999));
    return 0;
}
