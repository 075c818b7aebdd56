// SPDX-License-Identifier: MIT
// Two threads on one socket: while one sleeps in recv, the other's MSG_DONTWAIT receive and a send are not held up; the sleeper gets the data that arrives later. SO_RCVLOWAT is kept (Linux wakes a
// reader waiting for it only when the unread bytes reach it, so a partly-served wait is not tested).
#include "inet/inet_test.h"
#include <pthread.h>

static int g_fd;
static char g_got[16];
static ssize_t g_n;

static void *sleeper(void *arg)
{
    (void)arg;
    g_n = recv(g_fd, g_got, sizeof g_got, 0);
    return NULL;
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 1);
    int c = tcp_connect_to(port), a = accept(l, NULL, NULL);
    g_fd = a;
    pthread_t t;
    pthread_create(&t, NULL, sleeper, NULL);
    usleep(100000);
    char buf[8];
    RET(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    RET(send(a, "pong", 4, 0));
    RET(recv(c, buf, sizeof buf, 0));
    RET(send(c, "ping", 4, 0));
    pthread_join(t, NULL);
    say("sleeper got %zd %.4s\n", g_n, g_got);
    int u1 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in lo = lo4(0);
    bind(u1, (struct sockaddr *)&lo, sizeof lo);
    g_fd = u1;
    pthread_create(&t, NULL, sleeper, NULL);
    usleep(100000);
    RET(recv(u1, buf, sizeof buf, MSG_DONTWAIT));
    struct sockaddr_in to = lo4(port_of(u1));
    RET(sendto(u1, "dgram", 5, 0, (struct sockaddr *)&to, sizeof to));
    pthread_join(t, NULL);
    say("udp sleeper got %zd %.5s\n", g_n, g_got);
    int low = 6;
    socklen_t ll = sizeof low;
    RET(setsockopt(a, SOL_SOCKET, SO_RCVLOWAT, &low, sizeof low));
    low = 0;
    RET(getsockopt(a, SOL_SOCKET, SO_RCVLOWAT, &low, &ll));
    say("rcvlowat %d\n", low);
    write(c, "abc", 3);
    write(c, "defgh", 5);
    usleep(20000);
    char big[32];
    RET(recv(a, big, sizeof big, 0));
    close(a);
    close(c);
    close(l);
    return 0;
}
