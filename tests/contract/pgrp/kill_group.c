// SPDX-License-Identifier: MIT
// Signals to process groups: kill(-pgid) reaches every member, kill(0) our own group, killpg errors.
#include "contract.h"

int main(void)
{
    int ready[2];
    pipe(ready);
    pid_t kids[3];
    pid_t leader = 0;
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] == 0) { setpgid(0, leader); ct_sync_post(ready); pause(); _exit(0); }
        if (i == 0) leader = kids[0];
        setpgid(kids[i], leader);
    }
    for (int i = 0; i < 3; i++) ct_sync_wait(ready);
    RET(kill(-leader, SIGUSR1));
    for (int i = 0; i < 3; i++) say("kid %d: %s\n", i, ct_wait(kids[i]));
    RET(kill(-leader, SIGUSR1));
    RET(killpg(leader, 0));
    RET(killpg(-5, SIGTERM));
    pid_t solo = fork();
    if (solo == 0) {
        signal(SIGUSR2, SIG_IGN);
        pid_t g = fork();
        if (g == 0) { signal(SIGUSR2, SIG_DFL); pause(); _exit(0); }
        ct_wait_blocked(g);
        kill(0, SIGUSR2);
        int st;
        waitpid(g, &st, 0);
        _exit(WIFSIGNALED(st) ? WTERMSIG(st) : 100);
    }
    setpgid(solo, solo);
    say("kill(0) from child group: %s\n", ct_wait(solo));
    return 0;
}
