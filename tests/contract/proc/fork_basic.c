// SPDX-License-Identifier: MIT
// fork: return values, distinct pids, getppid in the child, memory copied not shared, exit codes 0-255.
#include "contract.h"

int main(void)
{
    int value = 1;
    pid_t parent = getpid();
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        value = 2;
        int ok = getppid() == parent && getpid() != parent;
        write(p[1], ok ? "Y" : "N", 1);
        _exit(42);
    }
    FACT("fork returned child pid > 0", pid > 0);
    char c;
    read(p[0], &c, 1);
    say("child saw right pids: %c\n", c);
    say("child: %s\n", ct_wait(pid));
    say("value in parent: %d\n", value);
    int codes[] = {0, 1, 127, 128, 255, 256, 257, -1};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pid = fork();
        if (pid == 0) _exit(codes[i]);
        say("_exit(%d): %s\n", codes[i], ct_wait(pid));
    }
    pid = fork();
    if (pid == 0) exit(7);
    say("exit(7): %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) return 9;
    say("return 9: %s\n", ct_wait(pid));
    return 0;
}
