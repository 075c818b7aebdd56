// SPDX-License-Identifier: MIT
// sockaddr_in / sockaddr_in6 to and from the stack's addresses (linux: inet_bind, inet6_bind,
// inet_getname, inet6_getname).
#include "abi/linux/inet_uapi.h"
#include "abi/linux/uapi.h"
#include "net/inet/inet_socket.h"

namespace {

constexpr usize kSin6LenRfc2133 = 24;   // linux: SIN6_LEN_RFC2133, the sockaddr_in6 without scope id

u16 family_of(const u8* sa) {
    u16 f;
    __builtin_memcpy(&f, sa, sizeof(f));
    return f;
}

}  // namespace

Result<InetEnd> inet_parse_sockaddr(const InetSocket& s, const u8* sa, usize len, bool allow_unspec) {
    InetEnd e;
    if (!s.v6()) {
        if (len < sizeof(sockaddr_in)) return Error(EINVAL);
        u16 f = family_of(sa);
        if (f != kAfInet && !(allow_unspec && f == kAfUnspec)) return Error(EAFNOSUPPORT);
        e.port = wire::get16(sa + 2);
        e.addr = wire::Addr::from_v4(wire::get32(sa + 4));
        return e;
    }
    if (!s.is_tcp() && len >= sizeof(sockaddr_in) && family_of(sa) == kAfInet) {
        // linux: ip6_datagram_connect() and udpv6_sendmsg() take an IPv4 address on a UDP
        // socket of the AF_INET6 family (glibc's getaddrinfo sorting relies on it).
        if (s.m_v6only) return Error(EINVAL);
        e.port = wire::get16(sa + 2);
        e.addr = wire::Addr::from_v4(wire::get32(sa + 4));
        return e;
    }
    if (len < kSin6LenRfc2133) return Error(EINVAL);
    if (family_of(sa) != kAfInet6) return Error(EAFNOSUPPORT);
    e.port = wire::get16(sa + 2);
    __builtin_memcpy(e.addr.b, sa + 8, 16);
    return e;
}

UnixAddr inet_make_sockaddr(const InetSocket& s, const InetEnd& e) {
    UnixAddr out;
    if (!s.v6()) {
        out.len = sizeof(sockaddr_in);
        u16 f = kAfInet;
        __builtin_memcpy(out.bytes, &f, sizeof(f));
        wire::put16(out.bytes + 2, e.port);
        __builtin_memcpy(out.bytes + 4, e.addr.b + 12, 4);
        return out;
    }
    out.len = sizeof(sockaddr_in6);
    u16 f = kAfInet6;
    __builtin_memcpy(out.bytes, &f, sizeof(f));
    wire::put16(out.bytes + 2, e.port);
    __builtin_memcpy(out.bytes + 8, e.addr.b, 16);
    return out;
}

u8 inet_ttl(const InetSocket& s) { return s.m_ttl < 0 ? 64 : static_cast<u8>(s.m_ttl); }
