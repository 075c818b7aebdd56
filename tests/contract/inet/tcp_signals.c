// SPDX-License-Identifier: MIT
// Blocking socket calls and signals: accept, recv and recvfrom interrupted without SA_RESTART (EINTR), restarted with it, and cut short by SO_RCVTIMEO (EAGAIN).
#include "inet/inet_test.h"
#include <sys/time.h>

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static void handler(int flags)
{
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void alarm_in(int ms)
{
    struct itimerval it = {.it_value = {0, ms * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 2);
    handler(0);
    alarm_in(50);
    RET(accept(l, NULL, NULL));
    int c = tcp_connect_to(port);
    int a = accept(l, NULL, NULL);
    char buf[8];
    alarm_in(50);
    RET(recv(a, buf, sizeof buf, 0));
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in lo = lo4(0);
    bind(u, (struct sockaddr *)&lo, sizeof lo);
    alarm_in(50);
    RET(recvfrom(u, buf, sizeof buf, 0, NULL, NULL));
    // SA_RESTART: the call goes on until the data comes.
    handler(SA_RESTART);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(200000);
        write(c, "late", 4);
        _exit(0);
    }
    alarm_in(50);
    RET(recv(a, buf, sizeof buf, 0));
    say("child: %s alarms %d\n", ct_wait(pid), alarms);
    // A receive timeout ends the wait with EAGAIN (a signal then gives EINTR even with SA_RESTART).
    struct timeval tv = {0, 100000};
    setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    RET(recv(a, buf, sizeof buf, 0));
    alarm_in(20);
    RET(recv(a, buf, sizeof buf, 0));
    setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    RET(accept(l, NULL, NULL));
    close(a);
    close(c);
    close(l);
    return 0;
}
