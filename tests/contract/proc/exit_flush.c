// SPDX-License-Identifier: MIT
// exit() runs atexit handlers and flushes stdio; _exit() does neither; handlers run in reverse order.
#include "contract.h"

static void h1(void) { printf("atexit 1\n"); }
static void h2(void) { printf("atexit 2\n"); }

int main(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        setvbuf(stdout, NULL, _IOFBF, 4096);
        atexit(h1);
        atexit(h2);
        printf("buffered");
        exit(0);
    }
    close(p[1]);
    char buf[128] = {0};
    ct_read_full(p[0], buf, sizeof buf - 1);
    ct_wait(pid);
    for (char *c = buf; *c; c++) if (*c == '\n') *c = '|';
    say("exit(): %s\n", buf);
    pipe(p);
    pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        setvbuf(stdout, NULL, _IOFBF, 4096);
        atexit(h1);
        printf("lost");
        _exit(0);
    }
    close(p[1]);
    memset(buf, 0, sizeof buf);
    RET(ct_read_full(p[0], buf, sizeof buf - 1));
    say("_exit(): '%s' %s\n", buf, ct_wait(pid));
    return 0;
}
