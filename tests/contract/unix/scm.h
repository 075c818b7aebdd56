// SPDX-License-Identifier: MIT
// Passing descriptors with SCM_RIGHTS: one message of one byte ("F") carrying n descriptors,
// and its receiving side.
#pragma once
#include <sys/socket.h>

static inline int send_fds(int sock, const int *fds, int n)
{
    char ctl[CMSG_SPACE(sizeof(int) * 4)];
    memset(ctl, 0, sizeof ctl);
    struct iovec iov = {"F", 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
    return sendmsg(sock, &m, 0);
}

// Receives one message into buf; up to max (<= 4) descriptors go to fds and their count to
// *nfds (0 without an SCM_RIGHTS message). Returns recvmsg's result.
static inline ssize_t recv_fds(int sock, void *buf, size_t len, int *fds, int max, int *nfds)
{
    char ctl[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = {buf, len};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * max);
    ssize_t r = recvmsg(sock, &m, 0);
    *nfds = 0;
    struct cmsghdr *cm = r >= 0 ? CMSG_FIRSTHDR(&m) : NULL;
    if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
        *nfds = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        memcpy(fds, CMSG_DATA(cm), sizeof(int) * *nfds);
    }
    return r;
}
