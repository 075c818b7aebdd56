// SPDX-License-Identifier: MIT
// Socket ABI that the UAPI headers do not export (linux: include/linux/socket.h, include/linux/net.h):
// address families, socket types, MSG_* flags, struct msghdr/mmsghdr/cmsghdr/ucred as user space
// lays them out. The SO_* options, sockaddr_un and the ioctl numbers come from UAPI (socket_uapi.h).
#pragma once

#include <cstddef>

#include "lib/types.h"

// linux: include/linux/socket.h
constexpr int kAfUnspec = 0;
constexpr int kAfUnix = 1;   // AF_LOCAL too
constexpr int kAfInet = 2;
constexpr int kAfInet6 = 10;
constexpr int kAfNetlink = 16;
constexpr int kAfMax = 46;   // NPROTO

// linux: include/linux/net.h
constexpr int kSockStream = 1;
constexpr int kSockDgram = 2;
constexpr int kSockRaw = 3;
constexpr int kSockSeqpacket = 5;
constexpr int kSockMax = 11;
constexpr int kSockTypeMask = 0xf;

// linux: include/linux/socket.h
constexpr u32 kMsgOob = 0x1;
constexpr u32 kMsgPeek = 0x2;
constexpr u32 kMsgCtrunc = 0x8;
constexpr u32 kMsgTrunc = 0x20;
constexpr u32 kMsgDontwait = 0x40;
constexpr u32 kMsgEor = 0x80;
constexpr u32 kMsgWaitall = 0x100;
constexpr u32 kMsgNosignal = 0x4000;
constexpr u32 kMsgWaitforone = 0x10000;
constexpr u32 kMsgCmsgCloexec = 0x40000000;

constexpr int kScmRights = 1;
constexpr int kScmCredentials = 2;
constexpr int kScmMaxFd = 253;
constexpr int kSomaxconn = 4096;   // linux: net.core.somaxconn default

// linux: include/uapi/linux/net.h SHUT_* are 0, 1, 2; the socket keeps how + 1 as a mask.
constexpr u8 kRcvShutdown = 1;
constexpr u8 kSendShutdown = 2;

struct LinuxMsghdr {
    u64 name;
    i32 namelen;
    u64 iov;
    u64 iovlen;
    u64 control;
    u64 controllen;
    u32 flags;
};
static_assert(sizeof(LinuxMsghdr) == 56);
static_assert(offsetof(LinuxMsghdr, namelen) == 8);
static_assert(offsetof(LinuxMsghdr, iov) == 16);
static_assert(offsetof(LinuxMsghdr, control) == 32);
static_assert(offsetof(LinuxMsghdr, flags) == 48);

struct LinuxMmsghdr {
    LinuxMsghdr hdr;
    u32 len;
};
static_assert(sizeof(LinuxMmsghdr) == 64);

struct LinuxCmsghdr {
    u64 len;
    i32 level;
    i32 type;
};
static_assert(sizeof(LinuxCmsghdr) == 16);

struct LinuxUcred {
    u32 pid;
    u32 uid;
    u32 gid;
};
static_assert(sizeof(LinuxUcred) == 12);

constexpr u64 cmsg_align(u64 n) { return (n + 7) & ~u64(7); }
constexpr u64 cmsg_len(u64 n) { return cmsg_align(sizeof(LinuxCmsghdr)) + n; }
constexpr u64 cmsg_space(u64 n) { return cmsg_align(sizeof(LinuxCmsghdr)) + cmsg_align(n); }
