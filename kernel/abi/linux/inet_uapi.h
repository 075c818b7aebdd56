// SPDX-License-Identifier: MIT
// The inet parts of Linux's UAPI: sockaddr_in/in6, IPPROTO_*, IP_* / IPV6_* / TCP_* options, the
// interface ioctls and struct ifreq.
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/in.h>       // struct sockaddr_in, IPPROTO_*, IP_TTL...
#include <linux/in6.h>      // struct sockaddr_in6, IPV6_V6ONLY...
#include <linux/tcp.h>      // TCP_NODELAY, TCP_MAXSEG...
#include <linux/sockios.h>  // SIOCGIFFLAGS...
#pragma pop_macro("__GLIBC__")

#include "lib/types.h"

// Raw sockets' option level (include/linux/socket.h, not in the UAPI) and its one option
// (<linux/icmp.h>, which pulls in libc headers here).
constexpr int kSolRaw = 255;
constexpr int kIcmpFilter = 1;

static_assert(sizeof(sockaddr_in) == 16);
static_assert(sizeof(sockaddr_in6) == 28);

// <linux/if.h> includes libc's <sys/socket.h>, so its few definitions the kernel needs are
// repeated here (values and layout as in include/uapi/linux/if.h).
constexpr u32 kIffUp = 0x1;
constexpr u32 kIffBroadcast = 0x2;
constexpr u32 kIffLoopback = 0x8;
constexpr u32 kIffRunning = 0x40;
constexpr u32 kIffMulticast = 0x1000;
constexpr usize kIfNameSize = 16;   // IFNAMSIZ

struct LinuxIfreq {
    char name[kIfNameSize];
    union {
        struct {
            u16 family;
            u8 data[14];
        } addr;
        i16 flags;
        i32 ivalue;   // ifr_ifindex, ifr_mtu, ifr_metric
        u8 pad[24];
    } u;
};
static_assert(sizeof(LinuxIfreq) == 40);

struct LinuxIfconf {
    i32 len;
    u32 pad;
    u64 buf;
};
static_assert(sizeof(LinuxIfconf) == 16);

// struct rtentry of SIOCADDRT/SIOCDELRT (include/uapi/linux/route.h, which also pulls in
// <linux/if.h>): the sockaddrs are sockaddr_in for IPv4.
struct LinuxRtentry {
    u64 pad1;
    u8 dst[16], gateway[16], genmask[16];
    u16 flags;
    i16 pad2;
    u64 pad3;
    u64 pad4;
    i16 metric;
    u64 dev;   // char* in user space: a device name, or null
    u64 mtu, window;
    u16 irtt;
};
static_assert(sizeof(LinuxRtentry) == 120);
constexpr u16 kRtfUp = 0x1;        // RTF_UP
constexpr u16 kRtfGateway = 0x2;   // RTF_GATEWAY
constexpr u16 kRtfHost = 0x4;      // RTF_HOST
