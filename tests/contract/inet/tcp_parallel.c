// SPDX-License-Identifier: MIT
// Four client processes and four server processes sharing one listener, each client making 20 connections with transfers of varied sizes in both directions, while two other processes play UDP ping-pong: every byte arrives (no lost wake-up under concurrency).
#include "inet/inet_test.h"

#define CLIENTS 4
#define CONNS 20

static size_t size_for(int c, int i) { return (size_t)((c * 7919 + i * 104729) % 100000) + 1; }

static int serve(int l)
{
    static char buf[65536];
    for (;;) {
        int a = accept(l, NULL, NULL);
        if (a < 0) return 0;
        uint32_t want;
        if (read_full(a, &want, sizeof want) != sizeof want) {
            close(a);
            continue;
        }
        size_t got = 0;
        uint32_t sum = 0;
        while (got < want) {
            ssize_t n = read(a, buf, sizeof buf);
            if (n <= 0) break;
            for (ssize_t k = 0; k < n; k++) sum += (unsigned char)buf[k];
            got += n;
        }
        // Answer with as many bytes back, then the sum.
        size_t sent = 0;
        memset(buf, 'r', sizeof buf);
        while (sent < got) {
            size_t n = got - sent < sizeof buf ? got - sent : sizeof buf;
            ssize_t w = write(a, buf, n);
            if (w <= 0) break;
            sent += w;
        }
        write(a, &sum, sizeof sum);
        close(a);
    }
}

static int client(int port, int c)
{
    static char buf[200001];
    int bad = 0;
    for (int i = 0; i < CONNS; i++) {
        int s = tcp_connect_to(port);
        if (s < 0) {
            bad++;
            continue;
        }
        uint32_t want = size_for(c, i), sum = 0;
        for (uint32_t k = 0; k < want; k++) {
            buf[k] = (char)(k * 31 + c);
            sum += (unsigned char)buf[k];
        }
        // Write the request from a child so that both directions move at once.
        pid_t w = fork();
        if (w == 0) {
            if (write(s, &want, sizeof want) != sizeof want) _exit(1);
            size_t off = 0;
            while (off < want) {
                ssize_t n = write(s, buf + off, want - off);
                if (n <= 0) _exit(2);
                off += n;
            }
            _exit(0);
        }
        static char back[200001];
        if (read_full(s, back, want) != (ssize_t)want) bad++;
        uint32_t their;
        if (read_full(s, &their, sizeof their) != sizeof their || their != sum) bad++;
        int st;
        waitpid(w, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st)) bad++;
        close(s);
    }
    return bad;
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 16);
    pid_t servers[CLIENTS], clients[CLIENTS];
    for (int i = 0; i < CLIENTS; i++)
        if ((servers[i] = fork()) == 0) _exit(serve(l));
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = lo4(0);
    bind(u1, (struct sockaddr *)&a, sizeof a);
    struct sockaddr_in to = lo4(port_of(u1));
    int u3 = socket(AF_INET, SOCK_DGRAM, 0);
    bind(u3, (struct sockaddr *)&a, sizeof a);
    struct sockaddr_in back = lo4(port_of(u3));
    pid_t ureader = fork();
    if (ureader == 0) {   // answers each datagram with its value plus one
        int v;
        for (int n = 0; n < 1000; n++) {
            if (recv(u1, &v, sizeof v, 0) != sizeof v || v != 2 * n) _exit(1);
            v++;
            sendto(u1, &v, sizeof v, 0, (struct sockaddr *)&back, sizeof back);
        }
        _exit(0);
    }
    pid_t uwriter = fork();
    if (uwriter == 0) {
        for (int v = 0; v < 2000; v += 2) {
            int r;
            sendto(u2, &v, sizeof v, 0, (struct sockaddr *)&to, sizeof to);
            if (recv(u3, &r, sizeof r, 0) != sizeof r || r != v + 1) _exit(1);
        }
        _exit(0);
    }
    for (int i = 0; i < CLIENTS; i++)
        if ((clients[i] = fork()) == 0) _exit(client(port, i));
    int bad = 0;
    for (int i = 0; i < CLIENTS; i++) {
        int st;
        waitpid(clients[i], &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st)) bad++;
    }
    say("clients with errors: %d\n", bad);
    say("udp writer: %s\n", ct_wait(uwriter));
    say("udp reader: %s\n", ct_wait(ureader));
    for (int i = 0; i < CLIENTS; i++) kill(servers[i], SIGKILL);
    for (int i = 0; i < CLIENTS; i++) waitpid(servers[i], NULL, 0);
    close(l);
    return 0;
}
