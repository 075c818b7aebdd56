// SPDX-License-Identifier: MIT
// kill/tkill/tgkill argument errors, signal 0 probes, SIGKILL cannot be caught or ignored.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    RET(kill(getpid(), 0));
    RET(kill(getpid(), 65));
    RET(kill(getpid(), -1));
    RET(kill(99999999, SIGTERM));
    RET(kill(-99999999, SIGTERM));
    RET(syscall(SYS_tkill, 0, SIGUSR1));
    RET(syscall(SYS_tgkill, getpid(), 0, SIGUSR1));
    RET(syscall(SYS_tgkill, getpid(), 99999999, 0));
    RET(syscall(SYS_tgkill, 99999999, syscall(SYS_gettid), 0));
    RET(signal(SIGKILL, SIG_IGN) == SIG_ERR ? -1 : 0);
    RET(signal(SIGSTOP, SIG_IGN) == SIG_ERR ? -1 : 0);
    pid_t pid = fork();
    if (pid == 0) {
        for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP) signal(s, SIG_IGN);
        pause();
        _exit(0);
    }
    ct_wait_blocked(pid);
    kill(pid, SIGTERM);
    kill(pid, SIGINT);
    kill(pid, SIGKILL);
    say("child ignoring everything: %s\n", ct_wait(pid));
    return 0;
}
