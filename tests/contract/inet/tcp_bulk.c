// SPDX-License-Identifier: MIT
// 4 MiB through a TCP connection between two processes, written in uneven pieces, read in others, checksummed on both sides; then the same back the other way at once (both directions full).
#include "inet/inet_test.h"

#define TOTAL (4 << 20)

static uint32_t sum_update(uint32_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static unsigned char byte_at(size_t i) { return (unsigned char)((i * 7 + (i >> 11)) & 0xff); }

static uint32_t send_all(int fd)
{
    static unsigned char buf[70000];
    uint32_t h = 2166136261u;
    size_t off = 0, step = 1;
    while (off < TOTAL) {
        size_t n = (step * 7919) % sizeof buf + 1;
        step++;
        if (n > TOTAL - off) n = TOTAL - off;
        for (size_t i = 0; i < n; i++) buf[i] = byte_at(off + i);
        ssize_t w = write(fd, buf, n);
        if (w <= 0) return 0;
        h = sum_update(h, buf, w);
        off += w;
    }
    return h;
}

static uint32_t recv_all(int fd, size_t *got, int *bad)
{
    static unsigned char buf[50000];
    uint32_t h = 2166136261u;
    size_t step = 3;
    *got = 0;
    for (;;) {
        ssize_t n = read(fd, buf, (step * 104729) % sizeof buf + 1);
        step++;
        if (n <= 0) break;
        for (ssize_t i = 0; i < n; i++)
            if (buf[i] != byte_at(*got + i)) (*bad)++;
        h = sum_update(h, buf, n);
        *got += n;
    }
    return h;
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 1);
    int res[2];
    pipe(res);
    pid_t pid = fork();
    if (pid == 0) {
        int c = accept(l, NULL, NULL);
        size_t got;
        int bad = 0;
        uint32_t h = recv_all(c, &got, &bad);
        uint32_t out[3] = {h, (uint32_t)got, (uint32_t)bad};
        write(res[1], out, sizeof out);
        _exit(0);
    }
    int s = tcp_connect_to(port);
    uint32_t sent = send_all(s);
    close(s);
    uint32_t out[3];
    read(res[0], out, sizeof out);
    say("one way: bytes %u checksums equal %d bad %u\n", out[1], out[0] == sent, out[2]);
    say("child: %s\n", ct_wait(pid));

    // Both directions at once: each side writes 4 MiB while the other reads.
    pid = fork();
    if (pid == 0) {
        int c = accept(l, NULL, NULL);
        pid_t w = fork();
        if (w == 0) {
            uint32_t h = send_all(c);
            shutdown(c, SHUT_WR);
            _exit(h ? 0 : 1);
        }
        size_t got;
        int bad = 0;
        recv_all(c, &got, &bad);
        int st;
        waitpid(w, &st, 0);
        _exit(got == TOTAL && !bad && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 2);
    }
    s = tcp_connect_to(port);
    pid_t w = fork();
    if (w == 0) {
        uint32_t h = send_all(s);
        shutdown(s, SHUT_WR);
        _exit(h ? 0 : 1);
    }
    size_t got;
    int bad = 0;
    recv_all(s, &got, &bad);
    say("both ways: got %zu bad %d writer %s\n", got, bad, ct_wait(w));
    say("child: %s\n", ct_wait(pid));
    close(s);
    close(l);
    return 0;
}
