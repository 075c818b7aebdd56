// SPDX-License-Identifier: MIT
// alarm(): returns seconds left of the previous alarm, alarm(0) cancels, delivery kills by default.
#include "contract.h"

int main(void)
{
    RET(alarm(10));
    unsigned left = alarm(5);
    say("left from 10: %s\n", left == 10 || left == 9 ? "9 or 10" : "other");
    RET(alarm(0));
    RET(alarm(0));
    pid_t pid = fork();
    if (pid == 0) { alarm(1); pause(); _exit(0); }
    say("default SIGALRM: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) { alarm(1); _exit(alarm(0) <= 1 ? 0 : 1); }
    say("alarm not inherited, cancel in child: %s\n", ct_wait(pid));
    alarm(30);
    pid = fork();
    if (pid == 0) _exit(alarm(0));
    say("child alarm pending after fork: %s\n", ct_wait(pid));
    alarm(0);
    return 0;
}
