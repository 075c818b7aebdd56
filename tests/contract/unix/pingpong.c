// SPDX-License-Identifier: MIT
// Two processes exchange many small messages over stream, datagram and seqpacket pairs (no lost wake-ups); large datagrams and EMSGSIZE.
#include "contract.h"
#include <sys/socket.h>

static void pingpong(int type, const char *name)
{
    int sv[2];
    socketpair(AF_UNIX, type, 0, sv);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        int v;
        for (;;) {
            ssize_t r = read(sv[1], &v, sizeof v);
            if (r != sizeof v) _exit(r == 0 ? 0 : 1);
            if (v < 0) _exit(0);
            v++;
            if (write(sv[1], &v, sizeof v) != sizeof v) _exit(2);
        }
    }
    close(sv[1]);
    int v = 0, bad = 0;
    for (int i = 0; i < 2000; i++) {
        int w = v;
        if (write(sv[0], &w, sizeof w) != sizeof w || read(sv[0], &v, sizeof v) != sizeof v || v != w + 1) bad++;
    }
    int stop = -1;
    write(sv[0], &stop, sizeof stop);
    close(sv[0]);
    say("%s: final %d bad %d child %s\n", name, v, bad, ct_wait(pid));
}

int main(void)
{
    pingpong(SOCK_STREAM, "stream");
    pingpong(SOCK_DGRAM, "dgram");
    pingpong(SOCK_SEQPACKET, "seqpacket");
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    static char big[300000];
    memset(big, 'z', sizeof big);
    RET(send(sv[0], big, 212961, 0));
    RET(send(sv[0], big, 100000, 0));
    static char in[300000];
    RET(recv(sv[1], in, sizeof in, 0));
    CHECK(!memcmp(in, big, 100000));
    int small = 5000;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    RET(send(sv[0], big, 10000, 0));
    RET(send(sv[0], big, 9969, 0));
    return 0;
}
