// SPDX-License-Identifier: MIT
// Races between threads on one instance: ADD/DEL, writes and reads, dup/close of the watched
// description and waits all at once. Only survival and the final state are printed.
#include "contract.h"
#include <pthread.h>
#include <sys/epoll.h>

#define ROUNDS 3000

static int g_ep, g_p[2];
static volatile int g_stop;

static void *ctl_loop(void *arg)
{
    (void)arg;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 1};
    for (int i = 0; i < ROUNDS; i++) {
        epoll_ctl(g_ep, EPOLL_CTL_ADD, g_p[0], &ev);
        epoll_ctl(g_ep, EPOLL_CTL_DEL, g_p[0], NULL);
    }
    return NULL;
}

static void *io_loop(void *arg)
{
    (void)arg;
    char c;
    for (int i = 0; i < ROUNDS; i++) {
        write(g_p[1], "x", 1);
        read(g_p[0], &c, 1);
    }
    return NULL;
}

static void *dup_loop(void *arg)
{
    (void)arg;
    int ep2 = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 2};
    for (int i = 0; i < ROUNDS; i++) {
        int d = dup(g_p[0]);
        epoll_ctl(ep2, EPOLL_CTL_ADD, d, &ev);
        epoll_ctl(g_ep, EPOLL_CTL_ADD, d, &ev);
        int p[2];
        pipe(p);
        epoll_ctl(g_ep, EPOLL_CTL_ADD, p[0], &ev);
        write(p[1], "y", 1);
        close(p[0]);
        close(p[1]);
        close(d);
    }
    close(ep2);
    return NULL;
}

static void *wait_loop(void *arg)
{
    (void)arg;
    struct epoll_event out[8];
    while (!g_stop) epoll_wait(g_ep, out, 8, 1);
    return NULL;
}

int main(void)
{
    g_ep = epoll_create1(0);
    pipe(g_p);
    pthread_t t[4];
    pthread_create(&t[0], NULL, ctl_loop, NULL);
    pthread_create(&t[1], NULL, io_loop, NULL);
    pthread_create(&t[2], NULL, dup_loop, NULL);
    pthread_create(&t[3], NULL, wait_loop, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    g_stop = 1;
    pthread_join(t[3], NULL);
    // What is left: possibly the last dup'd numbers' items, gone with their description only
    // when g_p[0] closes.
    close(g_p[0]);
    struct epoll_event out[8];
    RET(epoll_wait(g_ep, out, 8, 0));
    say("done\n");
    return 0;
}
