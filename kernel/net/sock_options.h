// SPDX-License-Identifier: MIT
// SOL_SOCKET option values every family converts the same way (linux: net/core/sock.c):
// SO_RCVTIMEO/SO_SNDTIMEO kept in Linux's jiffies (HZ 250, as the oracle's kernel) so that
// getsockopt reports them rounded exactly as Linux does, and the doubled SO_SNDBUF/SO_RCVBUF.
#pragma once

#include "lib/result.h"
#include "lib/types.h"

struct OldTimeval {
    i64 sec;
    i64 usec;
};

constexpr u64 kSockHz = 250;
constexpr u64 kSockNsPerJiffy = 1000000000 / kSockHz;
constexpr u32 kSockMinSndbuf = 4608;       // linux: SOCK_MIN_SNDBUF
constexpr u32 kSockMinRcvbuf = 2304;       // linux: SOCK_MIN_RCVBUF
constexpr u32 kSockBufMax = 212992;        // linux: net.core.wmem_max / rmem_max

// linux: sock_set_timeout(): 0 = no timeout.
inline Result<u64> sock_timeout_from(const u8* val, usize len) {
    if (len < sizeof(OldTimeval)) return Error(EINVAL);
    OldTimeval tv;
    __builtin_memcpy(&tv, val, sizeof(tv));
    if (tv.usec < 0 || tv.usec >= 1000000) return Error(EDOM);
    if (tv.sec < 0) return u64(1);   // linux: a negative time means "do not wait"
    if (tv.sec == 0 && tv.usec == 0) return u64(0);
    u64 jiffies = static_cast<u64>(tv.sec) * kSockHz + (static_cast<u64>(tv.usec) + 3999) / 4000;
    return jiffies * kSockNsPerJiffy;
}

inline OldTimeval sock_timeout_to(u64 ns) {
    u64 j = ns / kSockNsPerJiffy;
    return OldTimeval{static_cast<i64>(j / kSockHz), static_cast<i64>((j % kSockHz) * 1000000 / kSockHz)};
}

// linux: SO_SNDBUF/SO_RCVBUF: min_t(u32, val, max) doubled, at least floor.
inline u32 sock_doubled(int val, u32 floor) {
    u32 v = static_cast<u32>(val) < kSockBufMax ? static_cast<u32>(val) : kSockBufMax;
    return v * 2 > floor ? v * 2 : floor;
}

// linux: SO_SNDBUFFORCE/SO_RCVBUFFORCE (CAP_NET_ADMIN): no sysctl maximum, a negative value is 0,
// at most INT_MAX / 2 before doubling, at least floor.
inline u32 sock_doubled_forced(int val, u32 floor) {
    u32 v = val < 0 ? 0 : (static_cast<u32>(val) < 0x3fffffffu ? static_cast<u32>(val) : 0x3fffffffu);
    return v * 2 > floor ? v * 2 : floor;
}
