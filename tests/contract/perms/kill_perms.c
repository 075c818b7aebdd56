// SPDX-License-Identifier: MIT
// Signal permission checks: unprivileged users may signal only processes with a matching real/saved uid.
#include "contract.h"

int main(void)
{
    int ready[2];
    pipe(ready);
    pid_t root_child = fork();
    if (root_child == 0) { pause(); _exit(0); }
    pid_t user_child = fork();
    if (user_child == 0) { ct_become_user(); ct_sync_post(ready); pause(); _exit(0); }
    ct_sync_wait(ready);
    int res[2];
    pipe(res);
    pid_t tester = fork();
    if (tester == 0) {
        ct_become_user();
        RET(kill(root_child, 0));
        RET(kill(root_child, SIGTERM));
        RET(kill(user_child, 0));
        RET(kill(1, SIGTERM));
        RET(kill(getppid(), 0));
        RET(kill(user_child, SIGTERM));
        _exit(0);
    }
    say("tester: %s\n", ct_wait(tester));
    say("user child: %s\n", ct_wait(user_child));
    kill(root_child, SIGKILL);
    say("root child: %s\n", ct_wait(root_child));
    return 0;
}
