// SPDX-License-Identifier: MIT
// Orphans are re-parented to init (pid 1 here) and reaped by it; zombies persist until their parent waits.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe(p);
    pid_t mid = fork();
    if (mid == 0) {
        pid_t middle = getpid();
        pid_t grand = fork();
        if (grand == 0) {
            close(p[0]);
            pid_t before = middle;
            char c = 0;
            for (int i = 0; i < 1000 && getppid() == before; i++) ct_msleep(10);
            c = getppid() == 1 ? '1' : 'x';
            write(p[1], &c, 1);
            _exit(0);
        }
        _exit(0);
    }
    close(p[1]);
    say("middle: %s\n", ct_wait(mid));
    char c = 0;
    read(p[0], &c, 1);
    say("orphan reparented to 1: %s\n", c == '1' ? "yes" : "no");
    pid_t z = fork();
    if (z == 0) _exit(3);
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", z);
    char *close_paren = NULL;
    for (int i = 0; i < 500; i++) { // until it has exited
        ct_read_file(path, buf, sizeof buf);
        close_paren = strrchr(buf, ')');
        if (close_paren && close_paren[2] == 'Z') break;
        ct_msleep(10);
    }
    say("zombie state: %c\n", close_paren ? close_paren[2] : '?');
    RET(kill(z, 0));
    say("zombie: %s\n", ct_wait(z));
    RET(kill(z, 0));
    return 0;
}
