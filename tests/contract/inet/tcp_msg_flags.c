// SPDX-License-Identifier: MIT
// TCP receive and send flags: MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL across several writes from another process, MSG_TRUNC discarding, FIONREAD/SIOCOUTQ, readv/writev and sendmsg/recvmsg with iovecs, SO_RCVTIMEO.
#include "inet/inet_test.h"
#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ
#endif
#include <sys/uio.h>

int main(void)
{
    lo_up();
    int port;
    int l = tcp_listener(&port, 1);
    int a = tcp_connect_to(port), b = accept(l, NULL, NULL);
    char buf[64];
    RET(recv(b, buf, sizeof buf, MSG_DONTWAIT));
    RET(write(a, "hello world", 11));
    usleep(10000);
    int n = -1;
    RET(ioctl(b, FIONREAD, &n));
    say("FIONREAD %d\n", n);
    RET(ioctl(a, SIOCOUTQ, &n));
    say("SIOCOUTQ %d\n", n);
    RET(recv(b, buf, 5, MSG_PEEK));
    RET(recv(b, buf, sizeof buf, MSG_PEEK));
    RET(recv(b, buf, 6, MSG_TRUNC));
    RET(recv(b, buf, sizeof buf, 0));
    say("got %.5s\n", buf);
    // MSG_WAITALL collects pieces written over time.
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 5; i++) {
            usleep(20000);
            write(a, "12345", 5);
        }
        _exit(0);
    }
    RET(recv(b, buf, 25, MSG_WAITALL));
    say("child: %s\n", ct_wait(pid));
    // MSG_WAITALL stops at EOF.
    RET(write(a, "tail", 4));
    RET(shutdown(a, SHUT_WR));
    RET(recv(b, buf, sizeof buf, MSG_WAITALL));
    RET(recv(b, buf, sizeof buf, MSG_WAITALL));
    // Scatter/gather.
    struct iovec w[3] = {{"ab", 2}, {"cde", 3}, {"f", 1}};
    RET(writev(b, w, 3));
    char x[2], y[10];
    struct iovec r[2] = {{x, 2}, {y, 10}};
    struct msghdr m = {.msg_iov = r, .msg_iovlen = 2};
    RET(recvmsg(a, &m, 0));
    say("iov %.2s %.4s flags %d namelen %d\n", x, y, m.msg_flags, m.msg_namelen);
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    RET(write(b, "z", 1));
    RET(recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    say("recvfrom addrlen %d\n", fl);
    // A receive timeout.
    struct timeval tv = {0, 50000};
    setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    RET(recv(b, buf, sizeof buf, 0));
    // Zero-length operations.
    RET(send(b, "", 0, 0));
    RET(recv(b, buf, 0, 0));
    // MSG_OOB.
    RET(recv(b, buf, sizeof buf, MSG_OOB | MSG_DONTWAIT));
    close(a);
    close(b);
    close(l);
    return 0;
}
