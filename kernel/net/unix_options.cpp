// SPDX-License-Identifier: MIT
// SOL_SOCKET options of AF_UNIX sockets (linux: net/core/sock.c sk_setsockopt/sk_getsockopt).
// Timeouts are kept in Linux's jiffies (HZ 250, as the oracle's kernel) so that what getsockopt
// reports is rounded exactly as Linux rounds it.
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "net/unix_socket.h"

namespace {

constexpr u64 kHz = 250;
constexpr u64 kNsPerJiffy = 1000000000 / kHz;
constexpr u32 kMinSndbuf = 4608;   // linux: SOCK_MIN_SNDBUF
constexpr u32 kMinRcvbuf = 2304;   // linux: SOCK_MIN_RCVBUF

struct OldTimeval {
    i64 sec;
    i64 usec;
};

// linux: sock_set_timeout(): 0 = no timeout.
Result<u64> timeout_from(const u8* val, usize len) {
    if (len < sizeof(OldTimeval)) return Error(EINVAL);
    OldTimeval tv;
    __builtin_memcpy(&tv, val, sizeof(tv));
    if (tv.usec < 0 || tv.usec >= 1000000) return Error(EDOM);
    if (tv.sec < 0) return u64(1);   // linux: a negative time means "do not wait"
    if (tv.sec == 0 && tv.usec == 0) return u64(0);
    u64 jiffies = static_cast<u64>(tv.sec) * kHz + (static_cast<u64>(tv.usec) + 3999) / 4000;
    return jiffies * kNsPerJiffy;
}

OldTimeval timeout_to(u64 ns) {
    u64 j = ns / kNsPerJiffy;
    return OldTimeval{static_cast<i64>(j / kHz), static_cast<i64>((j % kHz) * 1000000 / kHz)};
}

u32 doubled(int val, u32 floor) {
    u32 v = min<u32>(static_cast<u32>(val), kUnixDefaultBuf);   // linux: min_t(u32, val, wmem_max)
    return v * 2 > floor ? v * 2 : floor;
}

}  // namespace

Result<void> UnixSocket::setsockopt(int name, const u8* val, usize len) {
    if (len < sizeof(int)) return Error(EINVAL);
    int v;
    __builtin_memcpy(&v, val, sizeof(v));
    SpinlockGuard g(unix_lock());
    switch (name) {
    case SO_SNDBUF: m_sndbuf = doubled(v, kMinSndbuf); break;
    case SO_RCVBUF: m_rcvbuf = doubled(v, kMinRcvbuf); break;
    case SO_PASSCRED: m_passcred = v != 0; break;
    case SO_REUSEADDR: m_reuseaddr = v != 0; break;
    case SO_RCVTIMEO_OLD: m_rcvtimeo_ns = TRY(timeout_from(val, len)); break;
    case SO_SNDTIMEO_OLD: m_sndtimeo_ns = TRY(timeout_from(val, len)); break;
    // LINUX-DIVERGENCE: the other SOL_SOCKET options (SO_KEEPALIVE, SO_LINGER, SO_PRIORITY...),
    // meaningless for AF_UNIX but accepted by Linux, are refused with ENOPROTOOPT.
    default: return Error(ENOPROTOOPT);
    }
    return {};
}

Result<usize> UnixSocket::getsockopt(int name, u8* out, usize cap) {
    SpinlockGuard g(unix_lock());
    int v = 0;
    switch (name) {
    case SO_TYPE: v = m_type; break;
    case SO_DOMAIN: v = kAfUnix; break;
    case SO_PROTOCOL: v = 0; break;
    case SO_ERROR: v = m_err; m_err = 0; break;
    case SO_ACCEPTCONN: v = m_state == UnixState::Listening; break;
    case SO_SNDBUF: v = static_cast<int>(m_sndbuf); break;
    case SO_RCVBUF: v = static_cast<int>(m_rcvbuf); break;
    case SO_PASSCRED: v = m_passcred; break;
    case SO_REUSEADDR: v = m_reuseaddr; break;
    case SO_RCVTIMEO_OLD:
    case SO_SNDTIMEO_OLD: {
        OldTimeval tv = timeout_to(name == SO_RCVTIMEO_OLD ? m_rcvtimeo_ns : m_sndtimeo_ns);
        if (cap < sizeof(tv)) return Error(EINVAL);
        __builtin_memcpy(out, &tv, sizeof(tv));
        return sizeof(tv);
    }
    case SO_PEERCRED: {
        UnixCred c = m_has_peercred ? m_peercred : UnixCred{};
        LinuxUcred u{c.pid, c.uid, c.gid};
        if (cap < sizeof(u)) return Error(EINVAL);
        __builtin_memcpy(out, &u, sizeof(u));
        return sizeof(u);
    }
    default: return Error(ENOPROTOOPT);
    }
    if (cap < sizeof(v)) return Error(EINVAL);
    __builtin_memcpy(out, &v, sizeof(v));
    return sizeof(v);
}
