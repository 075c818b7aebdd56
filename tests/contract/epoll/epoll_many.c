// SPDX-License-Identifier: MIT
// 500 pipes in one instance: readiness of exactly the written ones, batches bounded by
// maxevents, every item reported once per round, and DEL of half of them.
#include "contract.h"
#include <sys/epoll.h>
#include <sys/resource.h>

#define N 500

static int rd[N], wr[N];

int main(void)
{
    struct rlimit rl = {2048, 2048};
    setrlimit(RLIMIT_NOFILE, &rl);
    int ep = epoll_create1(0);
    for (int i = 0; i < N; i++) {
        int p[2];
        if (pipe(p)) {
            say("pipe %d: %s\n", i, ct_errname(errno));
            return 0;
        }
        rd[i] = p[0];
        wr[i] = p[1];
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, rd[i], &ev);
    }
    static struct epoll_event out[N];
    RET(epoll_wait(ep, out, N, 0));
    for (int i = 0; i < N; i += 7) write(wr[i], "x", 1);
    int n = epoll_wait(ep, out, N, 0);
    int bad = 0;
    long sum = 0;
    for (int i = 0; i < n; i++) {
        if (out[i].data.u32 % 7) bad++;
        sum += out[i].data.u32;
    }
    say("ready %d bad %d sum %ld\n", n, bad, sum);
    // Batches of 10 walk the 72 in turn (reported level-triggered items go to the back).
    static int seen[N];
    int total = 0;
    for (int round = 0; round < 8; round++) {
        struct epoll_event b[10];
        int k = epoll_wait(ep, b, 10, 0);
        for (int i = 0; i < k; i++) seen[b[i].data.u32]++;
        total += k;
    }
    int once = 0;
    for (int i = 0; i < N; i++) once += seen[i] == 1;
    say("batched total %d distinct-once %d\n", total, once);
    for (int i = 0; i < N; i += 2) epoll_ctl(ep, EPOLL_CTL_DEL, rd[i], NULL);
    n = epoll_wait(ep, out, N, 0);
    bad = 0;
    for (int i = 0; i < n; i++) bad += out[i].data.u32 % 2 == 0;
    say("after del ready %d even %d\n", n, bad);
    for (int i = 1; i < N; i += 2) close(rd[i]);
    RET(epoll_wait(ep, out, N, 0));
    return 0;
}
