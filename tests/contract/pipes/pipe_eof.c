// SPDX-License-Identifier: MIT
// EOF only after every write end closes (including copies in children); blocked reader woken by close.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe(p);
    int extra = dup(p[1]);
    close(p[1]);
    write(extra, "a", 1);
    char c;
    RET(read(p[0], &c, 1));
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    RET(read(p[0], &c, 1));
    close(extra);
    RET(read(p[0], &c, 1));
    int q[2], sync[2];
    pipe(q);
    pipe(sync);
    pid_t pid = fork();
    if (pid == 0) {
        close(q[0]);
        ct_sync_wait(sync);
        write(q[1], "late", 4);
        ct_msleep(50);
        _exit(0);
    }
    close(q[1]);
    ct_sync_post(sync);
    char buf[16] = {0};
    RET(ct_read_full(q[0], buf, 4));
    say("data: %s\n", buf);
    RET(read(q[0], buf, 16));
    say("child: %s\n", ct_wait(pid));
    return 0;
}
