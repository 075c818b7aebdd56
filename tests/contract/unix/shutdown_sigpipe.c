// SPDX-License-Identifier: MIT
// shutdown(SHUT_RD/SHUT_WR/SHUT_RDWR) on a stream pair; EPIPE with SIGPIPE after the peer closed, none with MSG_NOSIGNAL.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static volatile sig_atomic_t pipes;
static void on_pipe(int sig) { (void)sig; pipes++; }

int main(void)
{
    signal(SIGPIPE, on_pipe);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    RET(send(sv[0], "abc", 3, 0));
    RET(shutdown(sv[0], SHUT_WR));
    RET(send(sv[0], "x", 1, 0));
    say("sigpipe: %d\n", (int)pipes);
    char buf[8] = {0};
    RET(recv(sv[1], buf, sizeof buf, 0));
    RET(recv(sv[1], buf, sizeof buf, 0));
    RET(send(sv[1], "back", 4, 0));
    RET(recv(sv[0], buf, sizeof buf, 0));
    RET(shutdown(sv[0], SHUT_RD));
    RET(recv(sv[0], buf, sizeof buf, 0));
    RET(send(sv[1], "more", 4, MSG_NOSIGNAL));
    say("sigpipe: %d\n", (int)pipes);
    RET(shutdown(sv[0], SHUT_RDWR));
    close(sv[0]);
    close(sv[1]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    RET(close(sv[1]));
    RET(write(sv[0], "x", 1));
    say("sigpipe: %d\n", (int)pipes);
    RET(send(sv[0], "x", 1, MSG_NOSIGNAL));
    say("sigpipe: %d\n", (int)pipes);
    RET(read(sv[0], buf, sizeof buf));
    close(sv[0]);

    // Unread data at close: the peer sees ECONNRESET.
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    send(sv[0], "unread", 6, 0);
    RET(close(sv[1]));
    RET(recv(sv[0], buf, sizeof buf, 0));
    RET(recv(sv[0], buf, sizeof buf, 0));
    close(sv[0]);

    signal(SIGPIPE, SIG_DFL);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    close(sv[1]);
    pid_t pid = fork();
    if (pid == 0) {
        write(sv[0], "x", 1);
        _exit(0);
    }
    say("writer: %s\n", ct_wait(pid));

    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
    RET(close(sv[1]));
    RET(recv(sv[0], buf, sizeof buf, 0));
    return 0;
}
