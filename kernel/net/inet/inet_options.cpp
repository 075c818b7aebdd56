// SPDX-License-Identifier: MIT
// setsockopt/getsockopt of inet sockets (linux: net/core/sock.c sk_setsockopt, net/ipv4/ip_sockglue.c,
// net/ipv6/ipv6_sockglue.c, net/ipv4/tcp.c do_tcp_setsockopt). Options that change nothing on
// loopback (keepalive timers, TOS) are stored and reported back, as Linux does.
#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"
#include "net/sock_options.h"

namespace {

struct Linger {
    i32 onoff;
    i32 secs;
};

constexpr int kTcpDefaultMaxseg = 536;   // linux: TCP_MSS_DEFAULT before a connection

Result<usize> put_int(u8* out, usize cap, int v) {
    (void)cap;
    __builtin_memcpy(out, &v, sizeof(v));
    return sizeof(v);
}

Result<void> set_socket(InetSocket& s, int name, const u8* val, usize len, int v) {
    switch (name) {
    case SO_REUSEADDR: s.m_reuseaddr = v != 0; return {};
    case SO_REUSEPORT: s.m_reuseport = v != 0; return {};
    case SO_KEEPALIVE: s.m_keepalive = v != 0; return {};
    case SO_BROADCAST: s.m_broadcast = v != 0; return {};
    case SO_OOBINLINE: s.m_oobinline = v != 0; return {};
    case SO_DONTROUTE: s.m_dontroute = v != 0; return {};
    case SO_PRIORITY:
        if (v < 0 || v > 6) return Error(EPERM);   // linux: above 6 needs CAP_NET_ADMIN (root here has it)
        s.m_priority = v;
        return {};
    case SO_RCVLOWAT: s.m_rcvlowat = v ? (v < 0 ? 0x7fffffff : v) : 1; return {};
    case SO_SNDBUF: s.m_sndbuf = sock_doubled(v, kSockMinSndbuf); return {};
    case SO_RCVBUF: s.m_rcvbuf = sock_doubled(v, kSockMinRcvbuf); return {};
    case SO_RCVTIMEO_OLD: s.m_rcvtimeo_ns = TRY(sock_timeout_from(val, len)); return {};
    case SO_SNDTIMEO_OLD: s.m_sndtimeo_ns = TRY(sock_timeout_from(val, len)); return {};
    case SO_BINDTODEVICE: {
        // Only lo exists: binding to it (or unbinding with "") changes nothing.
        char dev[kIfNameSize + 1] = {};
        __builtin_memcpy(dev, val, len < kIfNameSize ? len : kIfNameSize);
        if (!dev[0] || (dev[0] == 'l' && dev[1] == 'o' && !dev[2])) return {};
        return Error(ENODEV);
    }
    case SO_LINGER: {
        if (len < sizeof(Linger)) return Error(EINVAL);
        Linger l;
        __builtin_memcpy(&l, val, sizeof(l));
        s.m_linger = l.onoff != 0;
        s.m_linger_secs = l.secs;
        return {};
    }
    default: return Error(ENOPROTOOPT);
    }
}

Result<usize> get_socket(InetSocket& s, int name, u8* out, usize cap) {
    switch (name) {
    case SO_TYPE: return put_int(out, cap, s.m_type);
    case SO_DOMAIN: return put_int(out, cap, s.m_family);
    case SO_PROTOCOL: return put_int(out, cap, s.m_protocol);
    case SO_ERROR: {
        int e = s.m_err;
        s.m_err = 0;
        return put_int(out, cap, e);
    }
    case SO_ACCEPTCONN: return put_int(out, cap, s.is_tcp() && s.m_cb.state == TcpState::Listen);
    case SO_REUSEADDR: return put_int(out, cap, s.m_reuseaddr);
    case SO_REUSEPORT: return put_int(out, cap, s.m_reuseport);
    case SO_KEEPALIVE: return put_int(out, cap, s.m_keepalive);
    case SO_BROADCAST: return put_int(out, cap, s.m_broadcast);
    case SO_OOBINLINE: return put_int(out, cap, s.m_oobinline);
    case SO_DONTROUTE: return put_int(out, cap, s.m_dontroute);
    case SO_PRIORITY: return put_int(out, cap, s.m_priority);
    case SO_RCVLOWAT: return put_int(out, cap, s.m_rcvlowat);
    case SO_SNDLOWAT: return put_int(out, cap, 1);
    case SO_SNDBUF: return put_int(out, cap, static_cast<int>(s.m_sndbuf));
    case SO_RCVBUF: return put_int(out, cap, static_cast<int>(s.m_rcvbuf));
    case SO_RCVTIMEO_OLD:
    case SO_SNDTIMEO_OLD: {
        OldTimeval tv = sock_timeout_to(name == SO_RCVTIMEO_OLD ? s.m_rcvtimeo_ns : s.m_sndtimeo_ns);
        __builtin_memcpy(out, &tv, sizeof(tv));
        return sizeof(tv);
    }
    case SO_LINGER: {
        Linger l{s.m_linger ? 1 : 0, s.m_linger_secs};
        __builtin_memcpy(out, &l, sizeof(l));
        return sizeof(l);
    }
    default: return Error(ENOPROTOOPT);
    }
}

Result<void> set_ip(InetSocket& s, int name, int v) {
    switch (name) {
    case IP_TTL:
        if (v != -1 && (v < 1 || v > 255)) return Error(EINVAL);
        s.m_ttl = v;
        return {};
    case IP_TOS: s.m_tos = v & 0xfc; return {};
    case IP_RECVERR:
    case IP_MTU_DISCOVER:
    case IP_PKTINFO:
    case IP_RECVTTL:
    case IP_RECVTOS: return {};   // LINUX-DIVERGENCE: accepted, no ancillary data is produced
    default: return Error(ENOPROTOOPT);
    }
}

Result<usize> get_ip(InetSocket& s, int name, u8* out, usize cap) {
    switch (name) {
    case IP_TTL: return put_int(out, cap, inet_ttl(s));
    case IP_TOS: return put_int(out, cap, s.m_tos);
    default: return Error(ENOPROTOOPT);
    }
}

Result<void> set_ipv6(InetSocket& s, int name, int v) {
    if (!s.v6()) return Error(ENOPROTOOPT);
    switch (name) {
    case IPV6_V6ONLY:
        if (s.m_local.port) return Error(EINVAL);   // linux: only before bind
        s.m_v6only = v != 0;
        return {};
    case IPV6_UNICAST_HOPS:
        if (v < -1 || v > 255) return Error(EINVAL);
        s.m_ttl = v;
        return {};
    case IPV6_TCLASS: s.m_tos = v & 0xff; return {};
    case IPV6_RECVERR:
    case IPV6_RECVPKTINFO:
    case IPV6_MTU_DISCOVER: return {};
    default: return Error(ENOPROTOOPT);
    }
}

Result<usize> get_ipv6(InetSocket& s, int name, u8* out, usize cap) {
    if (!s.v6()) return Error(EOPNOTSUPP);   // linux: ip_getsockopt() for a level it does not know
    switch (name) {
    case IPV6_V6ONLY: return put_int(out, cap, s.m_v6only);
    case IPV6_UNICAST_HOPS: return put_int(out, cap, inet_ttl(s));
    case IPV6_TCLASS: return put_int(out, cap, s.m_tos);
    default: return Error(ENOPROTOOPT);
    }
}

Result<void> set_tcp(InetSocket& s, int name, int v) {
    if (!s.is_tcp()) return Error(ENOPROTOOPT);
    switch (name) {
    case TCP_NODELAY: s.m_nodelay = v != 0; return {};
    case TCP_CORK: s.m_cork = v != 0; return {};
    case TCP_MAXSEG:
        if (v && (v < 88 || v > 32767)) return Error(EINVAL);   // linux: TCP_MIN_MSS .. MAX_TCP_WINDOW
        s.m_user_mss = v;
        return {};
    case TCP_KEEPIDLE:
    case TCP_KEEPINTVL:
        if (v < 1 || v > 32767) return Error(EINVAL);
        return {};
    case TCP_KEEPCNT:
        if (v < 1 || v > 127) return Error(EINVAL);
        return {};
    case TCP_QUICKACK:
    case TCP_DEFER_ACCEPT:
    case TCP_USER_TIMEOUT: return {};
    default: return Error(ENOPROTOOPT);
    }
}

Result<usize> get_tcp(InetSocket& s, int name, u8* out, usize cap) {
    if (!s.is_tcp()) return Error(EOPNOTSUPP);
    switch (name) {
    case TCP_NODELAY: return put_int(out, cap, s.m_nodelay);
    case TCP_CORK: return put_int(out, cap, s.m_cork);
    case TCP_MAXSEG: {
        bool connected = s.m_cb.synchronized() && s.m_cb.state != TcpState::TimeWait;
        // linux: the MSS in use, less the 12 bytes of the timestamp option it negotiates.
        int v = connected ? s.m_cb.mss - 12 : (s.m_user_mss ? s.m_user_mss : kTcpDefaultMaxseg);
        return put_int(out, cap, v);
    }
    default: return Error(ENOPROTOOPT);
    }
}

}  // namespace

Result<void> InetSocket::op_setsockopt(int level, int name, const u8* val, usize len) {
    if (level == kSolRaw && is_raw()) {
        // linux: do_raw_setsockopt(): ICMP_FILTER only, for ICMP sockets; a longer value is cut.
        if (name != kIcmpFilter) return Error(ENOPROTOOPT);
        if (m_protocol != IPPROTO_ICMP) return Error(EOPNOTSUPP);
        u32 filter = 0;
        __builtin_memcpy(&filter, val, len < sizeof(filter) ? len : sizeof(filter));
        InetLocked g;
        m_icmp_filter = filter;
        return {};
    }
    if (level == SOL_SOCKET && (name == SO_LINGER || name == SO_BINDTODEVICE)) {
        InetLocked g;
        return set_socket(*this, name, val, len, 0);
    }
    int v = 0;
    if (len < sizeof(int)) {
        // linux: only the IP levels take a single byte for an int option.
        if ((level != IPPROTO_IP && level != IPPROTO_IPV6) || len == 0) return Error(EINVAL);
        v = val[0];
    } else {
        __builtin_memcpy(&v, val, sizeof(v));
    }
    InetLocked g;
    switch (level) {
    case SOL_SOCKET: return set_socket(*this, name, val, len, v);
    case IPPROTO_IP: return set_ip(*this, name, v);
    case IPPROTO_IPV6: return set_ipv6(*this, name, v);
    case IPPROTO_TCP: return set_tcp(*this, name, v);
    default: return Error(ENOPROTOOPT);
    }
}

Result<usize> InetSocket::op_getsockopt(int level, int name, u8* out, usize cap) {
    (void)cap;
    InetLocked g;
    switch (level) {
    case SOL_SOCKET: return get_socket(*this, name, out, cap);
    case IPPROTO_IP: return get_ip(*this, name, out, cap);
    case IPPROTO_IPV6: return get_ipv6(*this, name, out, cap);
    case IPPROTO_TCP: return get_tcp(*this, name, out, cap);
    case kSolRaw:
        if (!is_raw() || name != kIcmpFilter) return Error(is_raw() ? ENOPROTOOPT : EOPNOTSUPP);
        if (m_protocol != IPPROTO_ICMP) return Error(EOPNOTSUPP);
        __builtin_memcpy(out, &m_icmp_filter, cap < sizeof(u32) ? cap : sizeof(u32));
        return cap < sizeof(u32) ? cap : sizeof(u32);
    default: return Error(EOPNOTSUPP);
    }
}
