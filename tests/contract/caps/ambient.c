// SPDX-License-Identifier: MIT
// The ambient set (PR_CAP_AMBIENT): raising needs the bit permitted and inheritable, capset and
// leaving root trim it, and execve carries it into an unprivileged program's permitted and
// effective sets.
#include "caps.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_LOWER 3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

static void rules(void)
{
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));   // not inheritable
    ct_caps c;
    caps_get(&c);
    c.inh = (1ull << C_SYS_TIME) | (1ull << C_KILL);
    RET(caps_set(&c));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_KILL, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 41, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 1, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, 9, C_SYS_TIME, 0, 0));
    caps_show("ambient SYS_TIME, KILL");
    // Dropping KILL from the inheritable set drops it from the ambient set.
    c.inh = 1ull << C_SYS_TIME;
    RET(caps_set(&c));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_KILL, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
    caps_show("cleared");
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));
    // Leaving root without keepcaps empties everything, the ambient set included.
    RET(setresuid(1000, 1000, 1000));
    caps_show("setresuid 1000");
}

static void to_user(void)
{
    // The classic recipe: keep capabilities across setuid, then hand one to the next program.
    RET(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
    ct_caps c;
    caps_get(&c);
    c.inh = (1ull << C_SYS_TIME) | (1ull << C_CHOWN);
    RET(caps_set(&c));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_CHOWN, 0, 0));
    RET(setresuid(1000, 1000, 1000));
    caps_show("user with keepcaps");
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, C_SYS_TIME, 0, 0));
    c.eff = c.prm = c.inh = (1ull << C_SYS_TIME) | (1ull << C_CHOWN);
    RET(caps_set(&c));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_SYS_TIME, 0, 0));
    RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, C_CHOWN, 0, 0));
    ct_exec_self("exec", "1");
    _exit(127);
}

static int after_exec(int depth)
{
    caps_show(depth == 1 ? "user after exec" : "user after second exec");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    RET(clock_settime(CLOCK_REALTIME, &ts));
    // Giving the file to a group the user is not in needs CAP_CHOWN.
    RET(chown("owned", -1, depth == 1 ? 0 : 1));
    if (depth == 1) {
        RET(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, C_CHOWN, 0, 0));
        ct_exec_self("exec", "2");
        return 127;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec")) return after_exec(atoi(argv[2]));
    ct_write_file("owned", "x", 0644);
    RET(chown("owned", 1000, 1000));
    caps_step("rules", rules);
    caps_step("to user", to_user);
    return 0;
}
