// SPDX-License-Identifier: MIT
// Blocking FIFO opens rendezvous: a reader's open waits for a writer; EOF and SIGPIPE after the peer closes.
#include "contract.h"

int main(void)
{
    mkfifo("f", 0600);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        ct_msleep(100);
        write(p[1], "o", 1);
        int w = open("f", O_WRONLY);
        write(w, "data", 4);
        _exit(0);
    }
    int r = open("f", O_RDONLY);
    char c = 0;
    read(p[0], &c, 1);
    say("reader open returned after writer started: %c\n", c);
    char buf[16] = {0};
    RET(ct_read_full(r, buf, 4));
    say("got: %s\n", buf);
    ct_wait(pid);
    RET(read(r, buf, 1));
    close(r);
    int closed[2];
    pipe(closed);
    pid = fork();
    if (pid == 0) {
        int w = open("f", O_WRONLY);
        write(p[1], "w", 1);
        ct_sync_wait(closed);
        signal(SIGPIPE, SIG_IGN);
        int rr = write(w, "x", 1);
        _exit(rr < 0 && errno == EPIPE ? 7 : 0);
    }
    r = open("f", O_RDONLY);
    read(p[0], &c, 1);
    close(r);
    ct_sync_post(closed);
    say("writer after reader closed: %s\n", ct_wait(pid));
    return 0;
}
