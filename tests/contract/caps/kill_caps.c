// SPDX-License-Identifier: MIT
// CAP_KILL: root without it may signal only processes whose real or saved uid matches its own
// real or effective uid (or SIGCONT in its session); prlimit of another user's process needs
// CAP_SYS_RESOURCE.
#include "caps.h"
#include <sys/resource.h>

static pid_t g_user;

static void without_kill(void)
{
    RET(caps_drop(C_KILL, 0));
    RET(kill(g_user, 0));
    RET(kill(g_user, SIGUSR1));
    RET(kill(getppid(), 0));   // root's own processes still match
    pid_t own = fork();
    if (own == 0) { pause(); _exit(0); }
    RET(kill(own, SIGTERM));
    say("own child: %s\n", ct_wait(own));
    // Matching the target's uid through the real uid alone is enough.
    RET(setresuid(1000, 0, 0));
    RET(kill(g_user, 0));
}

static void with_kill(void)
{
    RET(kill(g_user, 0));
    ct_caps c = {1ull << C_KILL, 1ull << C_KILL, 0};
    RET(caps_set(&c));
    RET(kill(g_user, 0));
}

static void prlimit_other(void)
{
    struct rlimit r;
    RET(prlimit(g_user, RLIMIT_NOFILE, NULL, &r));
    RET(caps_drop(C_SYS_RESOURCE, 0));
    RET(prlimit(g_user, RLIMIT_NOFILE, NULL, &r));
    RET(prlimit(0, RLIMIT_NOFILE, NULL, &r));
}

int main(void)
{
    g_user = caps_user_sleeper();
    caps_step("without CAP_KILL", without_kill);
    caps_step("only CAP_KILL", with_kill);
    caps_step("prlimit", prlimit_other);
    RET(kill(g_user, SIGKILL));
    say("user: %s\n", ct_wait(g_user));
    return 0;
}
