// SPDX-License-Identifier: MIT
// SOL_SOCKET options of AF_UNIX sockets (linux: net/core/sock.c sk_setsockopt/sk_getsockopt).
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "net/sock_options.h"
#include "net/unix_socket.h"

Result<void> UnixSocket::setsockopt(int name, const u8* val, usize len) {
    if (len < sizeof(int)) return Error(EINVAL);
    int v;
    __builtin_memcpy(&v, val, sizeof(v));
    bool net_admin = capable(CAP_NET_ADMIN);
    SpinlockGuard g(unix_lock());
    switch (name) {
    case SO_SNDBUF: m_sndbuf = sock_doubled(v, kSockMinSndbuf); break;
    case SO_RCVBUF: m_rcvbuf = sock_doubled(v, kSockMinRcvbuf); break;
    case SO_SNDBUFFORCE:
        if (!net_admin) return Error(EPERM);
        m_sndbuf = sock_doubled_forced(v, kSockMinSndbuf);
        break;
    case SO_RCVBUFFORCE:
        if (!net_admin) return Error(EPERM);
        m_rcvbuf = sock_doubled_forced(v, kSockMinRcvbuf);
        break;
    // LINUX-DIVERGENCE: no security module labels anything, so SO_PASSSEC only records the wish
    // (Linux without an LSM that has contexts sends no SCM_SECURITY either).
    case SO_PASSSEC: m_passsec = v != 0; break;
    case SO_PASSCRED: m_passcred = v != 0; break;
    case SO_TIMESTAMP_OLD: m_timestamp = v != 0; break;
    case SO_REUSEADDR: m_reuseaddr = v != 0; break;
    case SO_RCVTIMEO_OLD: m_rcvtimeo_ns = TRY(sock_timeout_from(val, len)); break;
    case SO_SNDTIMEO_OLD: m_sndtimeo_ns = TRY(sock_timeout_from(val, len)); break;
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
    case SO_TIMESTAMP_OLD: v = m_timestamp; break;
    case SO_PASSSEC: v = m_passsec; break;
    case SO_REUSEADDR: v = m_reuseaddr; break;
    case SO_RCVTIMEO_OLD:
    case SO_SNDTIMEO_OLD: {
        OldTimeval tv = sock_timeout_to(name == SO_RCVTIMEO_OLD ? m_rcvtimeo_ns : m_sndtimeo_ns);
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
