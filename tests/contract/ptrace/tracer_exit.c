// SPDX-License-Identifier: MIT
// A tracer that is not the parent: the parent still sees getppid unchanged and reaps the tracee
// only after the tracer did; when the tracer exits its tracees are detached, or killed with
// PTRACE_O_EXITKILL.
#include "pt.h"

int main(void)
{
    for (int round = 0; round < 2; round++) {
        int p[2];
        pipe(p);
        pid_t target = fork();
        if (target == 0) {
            close(p[1]);
            char c;
            pid_t pp = getppid();
            while (read(p[0], &c, 1) == -1 && errno == EINTR) {}
            _exit(getppid() == pp ? 30 : 31);
        }
        close(p[0]);
        int s[2];
        pipe(s);
        pid_t tracer = fork();
        if (tracer == 0) {
            close(s[0]);
            long r = PT(PTRACE_SEIZE, target, 0, round ? PTRACE_O_EXITKILL : 0);
            char ok = r == 0 ? 'y' : 'n';
            write(s[1], &ok, 1);
            if (round == 0) {
                // Stay until the target has exited: reap it as its tracer.
                int st = pt_wait(target);
                _exit(WIFEXITED(st) ? 40 + WEXITSTATUS(st) - 30 : 50);
            }
            _exit(0);
        }
        close(s[1]);
        char ok = 0;
        read(s[0], &ok, 1);
        say("seized: %c\n", ok);
        if (round == 0) {
            int st;
            ct_wait_blocked(target);
            write(p[1], "x", 1);
            say("tracer: %s\n", ct_wait(tracer));
            say("target: %s\n", pt_desc(pt_wait(target)));
            (void)st;
        } else {
            say("tracer: %s\n", ct_wait(tracer));
            say("target: %s\n", ct_wait(target));
        }
        close(p[1]);
        close(s[0]);
    }
    return 0;
}
