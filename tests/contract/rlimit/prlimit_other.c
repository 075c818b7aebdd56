// SPDX-License-Identifier: MIT
// prlimit: read and set another process's limits atomically; old values returned; the child observes them.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    int go[2], back[2];
    pipe(go);
    pipe(back);
    pid_t pid = fork();
    if (pid == 0) {
        ct_sync_wait(go);
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        char r = rl.rlim_cur == 77 && rl.rlim_max == 88 ? 'Y' : 'N';
        write(back[1], &r, 1);
        _exit(0);
    }
    struct rlimit nl = {77, 88}, old;
    RET(prlimit(pid, RLIMIT_NOFILE, &nl, &old));
    say("old: %ld/%ld\n", (long)old.rlim_cur, (long)old.rlim_max);
    struct rlimit now;
    RET(prlimit(pid, RLIMIT_NOFILE, NULL, &now));
    say("now: %ld/%ld\n", (long)now.rlim_cur, (long)now.rlim_max);
    ct_sync_post(go);
    char r = 0;
    read(back[0], &r, 1);
    say("child sees new limit: %c\n", r);
    ct_wait(pid);
    struct rlimit bad = {10, 5};
    RET(prlimit(0, RLIMIT_NOFILE, &bad, NULL));
    struct rlimit huge = {1 << 30, 1 << 30};
    RET(prlimit(0, RLIMIT_NOFILE, &huge, NULL));
    return 0;
}
