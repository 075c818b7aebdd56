// SPDX-License-Identifier: MIT
// Many short TCP connections one after another (each leaves a TIME-WAIT entry behind): every one connects, exchanges a request and an answer, and closes, alternating which side closes first.
#include "inet/inet_test.h"

#define ROUNDS 400

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 8);
    int bad = 0, done = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int c = tcp_connect_to(port);
        int a = accept(l, NULL, NULL);
        if (c < 0 || a < 0) {
            bad++;
            break;
        }
        char buf[16];
        if (write(c, "req", 3) != 3 || read(a, buf, sizeof buf) != 3) bad++;
        if (write(a, "answer", 6) != 6 || read(c, buf, sizeof buf) != 6) bad++;
        int first = i & 1 ? a : c, second = i & 1 ? c : a;
        close(first);
        if (read(second, buf, sizeof buf) != 0) bad++;
        close(second);
        done++;
    }
    say("rounds %d bad %d\n", done, bad);
    close(l);
    return 0;
}
