// SPDX-License-Identifier: MIT
// Wait status encodings for exit, each fatal signal (with core flag), stop and continue, raw values.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGABRT, SIGFPE, SIGKILL, SIGSEGV, SIGTERM, SIGUSR1, SIGBUS, SIGSYS, SIGRTMIN + 2};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        pid_t pid = fork();
        if (pid == 0) { kill(getpid(), sigs[i]); pause(); _exit(0); }
        int st;
        waitpid(pid, &st, 0);
        say("%s: %s raw=0x%x\n", ct_signame(sigs[i]), ct_status(st), st);
    }
    pid_t pid = fork();
    if (pid == 0) _exit(3);
    int st;
    waitpid(pid, &st, 0);
    say("exit 3 raw=0x%x\n", st);
    int hold[2];
    pipe(hold);
    pid = fork();
    // After SIGCONT the child waits for us: had it exited, waitpid(WCONTINUED) could report the exit.
    if (pid == 0) { raise(SIGSTOP); ct_sync_wait(hold); _exit(5); }
    waitpid(pid, &st, WUNTRACED);
    say("stopped: %s raw=0x%x\n", ct_status(st), st);
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    say("continued: %s raw=0x%x\n", ct_status(st), st);
    ct_sync_post(hold);
    waitpid(pid, &st, 0);
    say("then: %s\n", ct_status(st));
    return 0;
}
