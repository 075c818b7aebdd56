// SPDX-License-Identifier: MIT
// SO_PEERCRED for socketpair and connect/accept, and SCM_CREDENTIALS with SO_PASSCRED.
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct ucred uc;
    socklen_t len = sizeof uc;
    RET(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &len));
    say("pair: pid-is-me %d uid %d gid %d len %d\n", uc.pid == getpid(), uc.uid, uc.gid, (int)len);
    int lone = socket(AF_UNIX, SOCK_STREAM, 0);
    len = sizeof uc;
    RET(getsockopt(lone, SOL_SOCKET, SO_PEERCRED, &uc, &len));
    say("unconnected: pid %d uid %d gid %d\n", uc.pid, (int)uc.uid, (int)uc.gid);
    struct sockaddr_un a = {AF_UNIX, "/tmp/t/cred"};
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(srv, (struct sockaddr *)&a, sizeof a);
    listen(srv, 1);
    RET(chmod("/tmp/t/cred", 0777));
    int sync[2];
    pipe(sync);
    pid_t pid = fork();
    if (pid == 0) {
        setgid(1234);
        setuid(4321);
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *)&a, sizeof a)) _exit(1);
        struct ucred p;
        socklen_t pl = sizeof p;
        getsockopt(c, SOL_SOCKET, SO_PEERCRED, &p, &pl);
        write(c, "x", 1);
        ct_sync_wait(sync);
        _exit(p.pid == getppid() && p.uid == 0 ? 0 : 2);
    }
    int s = accept(srv, NULL, NULL);
    len = sizeof uc;
    RET(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len));
    say("accepted: pid-is-child %d uid %d gid %d\n", uc.pid == pid, uc.uid, uc.gid);
    ct_sync_post(sync);
    say("child: %s\n", ct_wait(pid));
    len = 4;
    RET(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len));
    say("short len %d\n", (int)len);

    int one = 1;
    RET(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    int v = 0;
    len = sizeof v;
    RET(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &len));
    say("passcred %d\n", v);
    write(sv[0], "hey", 3);
    char buf[8], ctl[CMSG_SPACE(sizeof(struct ucred))];
    struct iovec iov = {buf, sizeof buf};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = sizeof ctl;
    RET(recvmsg(sv[1], &m, 0));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    say("cmsg %d type %d len %d\n", c != NULL, c ? c->cmsg_type : -1, c ? (int)c->cmsg_len : -1);
    if (c) {
        memcpy(&uc, CMSG_DATA(c), sizeof uc);
        say("creds: pid-is-me %d uid %d gid %d\n", uc.pid == getpid(), uc.uid, uc.gid);
    }
    // Sending explicit credentials of our own.
    struct ucred mine = {getpid(), 0, 0};
    m.msg_controllen = sizeof ctl;
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof mine);
    memcpy(CMSG_DATA(c), &mine, sizeof mine);
    iov.iov_len = 1;
    RET(sendmsg(sv[0], &m, 0));
    c->cmsg_len = CMSG_LEN(sizeof mine) - 1;
    RET(sendmsg(sv[0], &m, 0));
    c->cmsg_type = 77;
    c->cmsg_len = CMSG_LEN(sizeof mine);
    RET(sendmsg(sv[0], &m, 0));
    return 0;
}
