// SPDX-License-Identifier: MIT
// The kAfInet/kAfInet6 socket object and the calls common to TCP and UDP (linux:
// net/ipv4/af_inet.c inet_create, inet_bind, inet_stream_connect, inet_dgram_connect,
// inet_shutdown, inet_getname; net/ipv6/af_inet6.c).
#include "net/inet/inet_socket.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/signal.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "net/inet/inet.h"
#include "core/credentials.h"
#include "net/inet/netdev.h"

namespace {

// linux: inet_autobind().
Result<void> autobind(InetSocket& s) {
    if (s.m_local.port) return {};
    u16 port = inet_ephemeral_port(s, s.m_local.addr, nullptr);
    if (!port) return Error(EAGAIN);
    s.m_local.port = port;
    inet_table_add(s);
    return {};
}

// connect/sendto to the unspecified address means this host (linux: ip_route_connect).
wire::Addr normalize_dst(const InetSocket& s, const wire::Addr& a) {
    if (!a.is_any()) return a;
    if (a.is_v4() || !s.v6()) return wire::Addr::from_v4(0x7f000001);
    wire::Addr lo;
    lo.b[15] = 1;
    return lo;
}

Result<void> udp_connect(InetSocket& s, InetEnd to) {
    to.addr = normalize_dst(s, to.addr);
    if (s.v6() && s.m_v6only && to.addr.is_v4()) return Error(ENETUNREACH);
    wire::Addr src = TRY(ip_route(to.addr));
    if (s.m_local.addr.is_any()) s.m_local.addr = src;
    TRY(autobind(s));
    s.m_remote = to;
    s.m_conn = SockConn::Connected;
    return {};
}

void udp_disconnect(InetSocket& s, bool addr_locked, bool port_locked) {
    s.m_remote = InetEnd{};
    s.m_conn = SockConn::Unconnected;
    if (!addr_locked) s.m_local.addr = s.v6() ? wire::Addr{} : wire::Addr::from_v4(0);
    if (!port_locked) {
        inet_table_remove(s);
        s.m_local.port = 0;
    }
}

}  // namespace

InetSocket* inet_socket(Socket& s) {
    if (s.family() != kAfInet && s.family() != kAfInet6) return nullptr;
    return static_cast<InetSocket*>(&s);
}

Result<RefPtr<InetSocket>> InetSocket::create(int family, int type, int protocol) {
    // linux: inet_create(): the protocols registered per type (inetsw).
    if (type == kSockStream) {
        if (protocol && protocol != IPPROTO_TCP) return Error(EPROTONOSUPPORT);
    } else if (type == kSockDgram) {
        if (protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6) return Error(EACCES);   // ping_group_range "1 0"
        if (protocol && protocol != IPPROTO_UDP) return Error(EPROTONOSUPPORT);
    } else if (type == kSockRaw) {
        if (!capable(CAP_NET_RAW)) return Error(EPERM);
        // LINUX-DIVERGENCE: raw sockets for ICMP over IPv4 only (ping), no other protocol yet.
        if (family != kAfInet || protocol != IPPROTO_ICMP) return Error(EPROTONOSUPPORT);
    } else {
        return Error(ESOCKTNOSUPPORT);
    }
    auto* s = new (std::nothrow) InetSocket(family, type);
    if (!s) return Error(ENOMEM);
    s->m_protocol = type == kSockStream ? IPPROTO_TCP : type == kSockRaw ? protocol : IPPROTO_UDP;
    s->m_local.addr = family == kAfInet6 ? wire::Addr{} : wire::Addr::from_v4(0);
    bool tcp = type == kSockStream;
    s->m_sndbuf = tcp ? kTcpDefaultSndbuf : kUdpDefaultBuf;
    s->m_rcvbuf = tcp ? kTcpDefaultRcvbuf : kUdpDefaultBuf;
    Process* p = current_process();
    s->m_uid = p ? p->creds.euid : 0;
    if (type == kSockRaw) {
        InetLocked g;
        raw_add(*s);   // linux: raw sockets are hashed at creation
    }
    return RefPtr<InetSocket>::adopt(s);
}

InetSocket::~InetSocket() {
    packet_free_all(m_rxq);
    packet_free_all(m_syn_wait);
    packet_free_all(m_ooo);
    kfree(m_rx.buffer());
    kfree(m_tx.buffer());
}

void InetSocket::file_closed() {
    InetLocked g;
    m_orphan = true;
    if (is_tcp()) {
        tcp_close(*this);
        return;
    }
    m_shutdown = kRcvShutdown | kSendShutdown;
    packet_free_all(m_rxq);
    m_rx_bytes = 0;
    inet_table_remove(*this);
    raw_remove(*this);
}

u32 InetSocket::poll() {
    SpinlockGuard g(inet_lock());
    return is_tcp() ? tcp_poll(*this) : udp_poll(*this);
}

Result<usize> InetSocket::read(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    RecvInfo info;
    return op_recv(d, 0, nonblock, info);
}

Result<usize> InetSocket::write(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    return op_send(d, nullptr, 0, 0, nonblock);
}

Result<long> InetSocket::ioctl(unsigned cmd, uptr arg) {
    int v = 0;
    {
        SpinlockGuard g(inet_lock());
        switch (cmd) {
        case SIOCINQ:
            if (is_tcp()) {
                if (m_cb.state == TcpState::Listen) return Error(EINVAL);
                v = static_cast<int>(m_rx.size());
            } else {
                Packet* p = m_rxq.first();   // linux: udp_ioctl(): the first datagram's payload
                v = p ? static_cast<int>(p->len) : 0;
            }
            break;
        case SIOCOUTQ:
            if (is_tcp() && m_cb.state == TcpState::Listen) return Error(EINVAL);
            v = is_tcp() ? static_cast<int>(m_tx.size()) : 0;
            break;
        case SIOCOUTQNSD:
            if (!is_tcp()) return Error(ENOTTY);
            if (m_cb.state == TcpState::Listen) return Error(EINVAL);
            v = static_cast<int>(m_tx.size() - m_cb.data_in_flight());
            break;
        default: return Error(ENOTTY);
        }
    }
    TRY(copy_to_user(UserPtr<int>(arg), v));
    return 0;
}

Result<void> InetSocket::op_bind(const u8* sa, usize len) {
    if (!v6() && len >= sizeof(sockaddr_in)) {
        // linux: __inet_bind(): kAfUnspec is accepted for INADDR_ANY only.
        u16 f;
        __builtin_memcpy(&f, sa, sizeof(f));
        if (f == kAfUnspec && wire::get32(sa + 4) != 0) return Error(EAFNOSUPPORT);
    }
    if (v6()) {
        // linux: inet6_bind() takes sockaddr_in6 only (connect and sendto of UDP also take sockaddr_in).
        u16 f = 0;
        if (len >= sizeof(f)) __builtin_memcpy(&f, sa, sizeof(f));
        if (len < 24) return Error(EINVAL);
        if (f != kAfInet6) return Error(EAFNOSUPPORT);
    }
    InetEnd e = TRY(inet_parse_sockaddr(*this, sa, len, !v6()));
    if (v6() && e.addr.is_v4() && !e.addr.is_any() && m_v6only) return Error(EINVAL);
    if (!ip_is_local(e.addr, v6())) return Error(EADDRNOTAVAIL);
    if (e.port && e.port < 1024 && !capable(CAP_NET_BIND_SERVICE)) return Error(EACCES);   // net.ipv4.ip_unprivileged_port_start
    InetLocked g;
    if (is_raw()) {
        m_local.addr = e.addr;   // linux: raw_bind(): an address, no port
        return {};
    }
    if (m_local.port || (is_tcp() && m_cb.state != TcpState::Closed)) return Error(EINVAL);
    inet_reap_expired();
    wire::Addr old = m_local.addr;
    m_local.addr = e.addr;
    if (!e.port) {
        e.port = inet_ephemeral_port(*this, e.addr, nullptr);
        if (!e.port) {
            m_local.addr = old;
            return Error(EADDRINUSE);
        }
    } else if (inet_bind_conflict(*this, e, false)) {
        m_local.addr = old;
        return Error(EADDRINUSE);
    }
    m_local.port = e.port;
    m_bind_addr_lock = !e.addr.is_any();
    m_bind_port_lock = true;
    inet_table_add(*this);
    return {};
}

Result<void> InetSocket::op_connect(const u8* sa, usize len, bool nonblock) {
    if (len < sizeof(u16)) return Error(EINVAL);
    u16 f;
    __builtin_memcpy(&f, sa, sizeof(f));
    if (f == kAfUnspec) {
        // linux: inet_dgram_connect / inet_stream_connect with kAfUnspec: disconnect.
        InetLocked g;
        if (!is_tcp()) {
            udp_disconnect(*this, m_bind_addr_lock, m_bind_port_lock);
            return {};
        }
        tcp_disconnect(*this);
        return {};
    }
    if (is_raw()) {
        InetEnd to = TRY(inet_parse_sockaddr(*this, sa, len, false));
        InetLocked g;
        m_remote = InetEnd{to.addr, 0};
        m_conn = SockConn::Connected;
        return {};
    }
    if (!is_tcp()) {
        InetEnd to = TRY(inet_parse_sockaddr(*this, sa, len, false));
        InetLocked g;
        return udp_connect(*this, to);
    }
    {
        InetLocked g;
        if (m_conn == SockConn::Connected) return Error(EISCONN);
        if (m_conn == SockConn::Connecting) {
            if (m_cb.state == TcpState::SynSent || m_cb.state == TcpState::SynRcvd) {
                if (nonblock) return Error(EALREADY);
            }
        } else {
            if (m_cb.state != TcpState::Closed) return Error(EISCONN);
            InetEnd to = TRY(inet_parse_sockaddr(*this, sa, len, false));
            to.addr = normalize_dst(*this, to.addr);
            if (v6() && m_v6only && to.addr.is_v4()) return Error(ENETUNREACH);
            TRY(tcp_connect(*this, to, nonblock));
            m_conn = SockConn::Connecting;
            if (nonblock) return Error(EINPROGRESS);
        }
    }
    // The handshake ran when the lock was dropped (loopback); wait for the outcome otherwise.
    auto waited = inet_wait(*this, m_sndtimeo_ns ? monotonic_ns() + m_sndtimeo_ns : 0, [&] {
        return m_cb.state != TcpState::SynSent && m_cb.state != TcpState::SynRcvd;
    });
    // linux: inet_stream_connect(): SO_SNDTIMEO running out leaves the connect in progress.
    if (waited.is_error()) return Error(waited.error().code == EAGAIN ? EINPROGRESS : waited.error().code);
    InetLocked g;
    if (m_cb.state == TcpState::Closed) {
        // linux: sock_error() or ECONNABORTED; the socket may connect again.
        int e = m_err ? m_err : ECONNABORTED;
        m_err = 0;
        m_conn = SockConn::Unconnected;
        return Error(e);
    }
    m_conn = SockConn::Connected;
    return {};
}

Result<void> InetSocket::op_listen(int backlog) {
    if (!is_tcp()) return Error(EOPNOTSUPP);
    InetLocked g;
    if (m_conn != SockConn::Unconnected) return Error(EINVAL);
    if (m_cb.state != TcpState::Closed && m_cb.state != TcpState::Listen) return Error(EINVAL);
    return tcp_listen(*this, backlog);
}

Result<RefPtr<Socket>> InetSocket::op_accept(bool nonblock, UnixAddr* peer) {
    if (!is_tcp()) return Error(EOPNOTSUPP);
    RefPtr<InetSocket> c = TRY(tcp_accept(*this, nonblock));
    *peer = inet_make_sockaddr(*c, c->m_remote);   // linux: accept reports it in any state
    return RefPtr<Socket>(move_ref(c));
}

Result<void> InetSocket::op_shutdown(int how) {
    if (how < 0 || how > 2) return Error(EINVAL);
    u8 mask = static_cast<u8>(how + 1);
    InetLocked g;
    inet_wake_later(*this);
    if (m_conn == SockConn::Connecting) {
        bool early = m_cb.state == TcpState::SynSent || m_cb.state == TcpState::SynRcvd || m_cb.state == TcpState::Closed;
        m_conn = early ? SockConn::Unconnected : SockConn::Connected;
    }
    bool closed = is_tcp() ? tcp_closed_for_user() : m_conn != SockConn::Connected;
    if (is_tcp() && m_cb.state == TcpState::Listen) {
        if (mask & kRcvShutdown) tcp_disconnect(*this);
        return {};
    }
    if (is_tcp() && m_cb.state == TcpState::SynSent) {
        tcp_disconnect(*this);
        return {};
    }
    m_shutdown |= mask;
    if (closed) return Error(ENOTCONN);
    if (is_tcp() && (mask & kSendShutdown)) tcp_shutdown_send(*this);
    return {};
}

Result<UnixAddr> InetSocket::op_name(bool peer) {
    SpinlockGuard g(inet_lock());
    if (!peer) return inet_make_sockaddr(*this, m_local);
    bool unconnected = is_tcp() ? (tcp_closed_for_user() || m_cb.state == TcpState::SynSent ||
                                   m_cb.state == TcpState::Listen)
                                : m_conn != SockConn::Connected;
    if (!m_remote.port || unconnected) return Error(ENOTCONN);
    return inet_make_sockaddr(*this, m_remote);
}

Result<usize> InetSocket::op_send(const DataIter& data, const u8* sa, usize salen, u32 flags, bool nonblock) {
    if (is_tcp()) {
        // linux: tcp_sendmsg() ignores a destination address.
        auto r = tcp_send(*this, data, flags, nonblock);
        if (r.is_error() && r.error().code == EPIPE && !(flags & kMsgNosignal)) signal_raise_sigpipe();
        return r;
    }
    if (sa && salen) {
        InetEnd to = TRY(inet_parse_sockaddr(*this, sa, salen, true));
        return is_raw() ? raw_send(*this, data, &to) : udp_send(*this, data, &to, flags, nonblock);
    }
    return is_raw() ? raw_send(*this, data, nullptr) : udp_send(*this, data, nullptr, flags, nonblock);
}

Result<usize> InetSocket::op_recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    if (is_tcp()) {
        info.from = UnixAddr{};   // linux: TCP reports no source address
        return tcp_recv(*this, data, flags, nonblock);
    }
    return udp_recv(*this, data, flags, nonblock, info);
}
