// SPDX-License-Identifier: MIT
// A process group that becomes orphaned while containing a stopped process gets SIGHUP then SIGCONT.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe(p);
    pid_t mid = fork();
    if (mid == 0) {
        setpgid(0, 0);
        pid_t kid = fork();
        if (kid == 0) {
            close(p[0]);
            signal(SIGHUP, SIG_DFL);
            static int fd;
            fd = p[1];
            struct sigaction sa = {0};
            sa.sa_handler = SIG_DFL;
            sigaction(SIGHUP, &sa, NULL);
            raise(SIGSTOP);
            write(fd, "resumed-without-hup\n", 20);
            _exit(0);
        }
        int st;
        waitpid(kid, &st, WUNTRACED);
        char msg[64];
        snprintf(msg, sizeof msg, "kid %s\n", ct_status(st));
        write(p[1], msg, strlen(msg));
        _exit(0);
    }
    close(p[1]);
    ct_wait(mid);
    char buf[256] = {0};
    ct_read_full(p[0], buf, sizeof buf - 1);
    say("%s", buf);
    say("stopped kid died of SIGHUP (no resumed line above)\n");
    return 0;
}
