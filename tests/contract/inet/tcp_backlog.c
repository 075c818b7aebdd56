// SPDX-License-Identifier: MIT
// More connections than the listen backlog: connects wait until accept() makes room; every connection gets through and carries its data.
#include "inet/inet_test.h"

#define N 12

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 2);
    pid_t pid = fork();
    if (pid == 0) {
        int fds[N];
        for (int i = 0; i < N; i++) {
            fds[i] = tcp_connect_to(port);
            if (fds[i] < 0) _exit(20 + i);
            if (write(fds[i], &i, sizeof i) != sizeof i) _exit(50);
            close(fds[i]);
        }
        _exit(0);
    }
    usleep(200000);
    int seen = 0, bad = 0;
    for (int i = 0; i < N; i++) {
        int c = accept(l, NULL, NULL);
        if (c < 0) {
            bad++;
            continue;
        }
        int v = -1;
        if (read_full(c, &v, sizeof v) != sizeof v || v < 0 || v >= N) bad++;
        else seen |= 1 << v;
        char x;
        if (read(c, &x, 1) != 0) bad++;
        close(c);
    }
    say("all seen %d bad %d\n", seen == (1 << N) - 1, bad);
    say("child: %s\n", ct_wait(pid));
    int fl = fcntl(l, F_GETFL);
    fcntl(l, F_SETFL, fl | O_NONBLOCK);
    RET(accept(l, NULL, NULL));
    RET(accept4(l, NULL, NULL, 12345));
    close(l);
    return 0;
}
