// SPDX-License-Identifier: MIT
// A reader blocked on an empty pipe returns the first bytes written; a writer blocked on a full pipe resumes.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        ct_msleep(50);
        write(p[1], "ping", 4);
        _exit(0);
    }
    char buf[16] = {0};
    RET(read(p[0], buf, 16));
    say("got: %s\n", buf);
    ct_wait(pid);
    fcntl(p[1], F_SETPIPE_SZ, 4096);
    pid = fork();
    if (pid == 0) {
        static char big[20000];
        memset(big, 'b', sizeof big);
        ssize_t w = ct_write_full(p[1], big, sizeof big);
        _exit(w == sizeof big ? 0 : 1);
    }
    ct_msleep(50);
    static char in[20000];
    RET(ct_read_full(p[0], in, sizeof in));
    say("writer: %s\n", ct_wait(pid));
    close(p[1]);
    RET(read(p[0], in, 1));
    return 0;
}
