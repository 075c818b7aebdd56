// SPDX-License-Identifier: MIT
// A blocked recv/accept is interrupted by a signal (EINTR without SA_RESTART, restarted with it); SO_RCVTIMEO gives EAGAIN.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

static void on_usr1(int sig) { (void)sig; }

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    char buf[8];
    RET(recv(sv[0], buf, sizeof buf, 0));
    ct_wait(pid);

    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        ct_msleep(100);
        write(sv[1], "late", 4);
        _exit(0);
    }
    memset(buf, 0, sizeof buf);
    RET(recv(sv[0], buf, sizeof buf, 0));
    say("got: %s\n", buf);
    ct_wait(pid);

    struct timeval tv = {0, 100000};
    RET(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    RET(recv(sv[0], buf, sizeof buf, 0));
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    tv.tv_sec = 5;
    setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    RET(recv(sv[0], buf, sizeof buf, 0));
    ct_wait(pid);

    struct sockaddr_un a = {AF_UNIX, "/tmp/t/acc"};
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, sizeof a);
    listen(srv, 1);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    pid = fork();
    if (pid == 0) {
        ct_wait_blocked(parent);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    RET(accept(srv, NULL, NULL));
    ct_wait(pid);
    return 0;
}
