// SPDX-License-Identifier: MIT
// UDP (RFC 768; linux: net/ipv4/udp.c, net/ipv6/udp.c): datagrams sent through IP and queued on
// the socket bound to their destination port, ICMP port-unreachable for the rest.
#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"

namespace {

constexpr u32 kMaxV4Payload = 65535 - wire::kIpv4HeaderLen - wire::kUdpHeaderLen;
constexpr u32 kMaxV6Payload = 65535 - wire::kUdpHeaderLen;

// linux: udp4_lib_lookup2's compute_score: connected and exactly bound sockets first.
InetSocket* udp_lookup(const wire::Addr& dst, u16 dport, const wire::Addr& src, u16 sport) {
    InetSocket* best = nullptr;
    int best_score = -1;
    for (InetSocket& t : inet_table()) {
        if (t.is_tcp() || t.m_local.port != dport || !inet_addr_matches(t, dst)) continue;
        int score = 0;
        if (t.m_conn == SockConn::Connected) {
            if (t.m_remote.port != sport || !(t.m_remote.addr == src)) continue;
            score += 4;
        }
        if (!t.m_local.addr.is_any()) score += 2;
        if (t.v6() == !dst.is_v4()) score += 1;
        if (score > best_score) {
            best = &t;
            best_score = score;
        }
    }
    return best;
}

}  // namespace

void udp_input(Packet* p, const wire::IpHeader& ip) {
    u16 sport, dport;
    if (!wire::udp_parse(p->data(), p->len, ip.src, ip.dst, sport, dport)) {
        packet_free(p);
        return;
    }
    InetSocket* s = udp_lookup(ip.dst, dport, ip.src, sport);
    if (!s) {
        icmp_port_unreachable(ip, p->data() - ip.header_len, ip.header_len + p->len);
        packet_free(p);
        return;
    }
    p->pull(wire::kUdpHeaderLen);
    if ((s->m_shutdown & kRcvShutdown) || s->m_rx_bytes + p->len > s->m_rcvbuf) {
        packet_free(p);   // linux: the receive buffer is full: dropped
        return;
    }
    p->from = ip.src;
    p->from_port = sport;
    s->m_rx_bytes += p->len;
    s->m_rxq.push_back(*p);
    inet_wake_later(*s);
}

void udp_icmp_error(const wire::Addr& local, u16 lport, const wire::Addr& remote, u16 rport, int err) {
    for (InetSocket& t : inet_table()) {
        if (t.is_tcp() || t.m_local.port != lport || t.m_conn != SockConn::Connected) continue;
        if (t.m_remote.port != rport || !(t.m_remote.addr == remote) || !inet_addr_matches(t, local)) continue;
        // linux: __udp4_lib_err(): without IP_RECVERR only connected sockets hear of it.
        t.m_err = err;
        inet_wake_later(t);
        return;
    }
}

Result<Packet*> packet_from_user(const DataIter& data, u32 max, u32 headroom) {
    if (data.total > max) return Error(EMSGSIZE);
    u32 len = static_cast<u32>(data.total);
    Packet* p = packet_alloc(headroom, len);
    if (!p) return Error(ENOBUFS);
    auto copied = data.gather(0, p->data(), len);
    if (copied.is_error()) {
        packet_free(p);
        return copied.error();
    }
    return p;
}

Result<usize> udp_send(InetSocket& s, const DataIter& data, const InetEnd* to, u32 flags, bool nonblock) {
    (void)nonblock;
    (void)flags;
    bool v6 = s.v6();
    Packet* p = TRY(packet_from_user(data, v6 ? kMaxV6Payload : kMaxV4Payload, kPacketHeadroom + wire::kUdpHeaderLen));
    u32 len = p->len;
    InetLocked g;
    auto fail = [&](int e) -> Result<usize> {
        packet_free(p);
        return Error(e);
    };
    InetEnd dst;
    if (to) {
        dst = *to;
        if (!dst.port) return fail(EINVAL);
        if (dst.addr.is_any()) dst.addr = dst.addr.is_v4() || !v6 ? wire::Addr::from_v4(0x7f000001) : [] {
            wire::Addr a;
            a.b[15] = 1;
            return a;
        }();
    } else {
        if (s.m_conn != SockConn::Connected) return fail(EDESTADDRREQ);
        dst = s.m_remote;
    }
    if (s.m_err) {
        int e = s.m_err;
        s.m_err = 0;
        return fail(e);
    }
    if (s.m_shutdown & kSendShutdown) return fail(EPIPE);
    if (v6 && s.m_v6only && dst.addr.is_v4()) return fail(ENETUNREACH);
    auto route = ip_route(dst.addr);
    if (route.is_error()) return fail(route.error().code);
    if (!s.m_local.port) {
        u16 port = inet_ephemeral_port(s, s.m_local.addr, nullptr);
        if (!port) return fail(EAGAIN);
        s.m_local.port = port;
        inet_table_add(s);
    }
    wire::Addr src = s.m_local.addr.is_any() ? route.value() : s.m_local.addr;
    u8* h = p->push(wire::kUdpHeaderLen);
    wire::udp_finish(h, p->len, s.m_local.port, dst.port, src, dst.addr);
    TRY(ip_output(p, src, dst.addr, wire::kProtoUdp, inet_ttl(s)));
    return usize(len);
}

Result<usize> udp_recv(InetSocket& s, const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    if (flags & kMsgOob) return Error(EOPNOTSUPP);
    IoLock rg(s.m_recv_lock);
    bool nb = nonblock || (flags & kMsgDontwait);
    u64 deadline = s.m_rcvtimeo_ns ? monotonic_ns() + s.m_rcvtimeo_ns : 0;
    Packet* p = nullptr;
    for (;;) {
        {
            InetLocked g;
            if (s.m_err) {
                int e = s.m_err;
                s.m_err = 0;
                return Error(e);
            }
            p = s.m_rxq.first();
            if (p) {
                if (!(flags & kMsgPeek)) {
                    s.m_rxq.remove(*p);
                    s.m_rx_bytes -= p->len;
                }
                break;
            }
            if (s.m_shutdown & kRcvShutdown) return usize(0);
        }
        if (nb) return Error(EAGAIN);
        TRY(rg.unlocked([&] {
            return inet_wait(s, deadline, [&] {
                return !s.m_rxq.empty() || s.m_err || (s.m_shutdown & kRcvShutdown);
            });
        }));
    }
    // The datagram stays put while copied: only readers (serialised by m_recv_lock) take it.
    usize n = p->len < data.total ? p->len : data.total;
    auto r = data.scatter(0, p->data(), n);
    usize full = p->len;
    info.from = inet_make_sockaddr(s, InetEnd{p->from, p->from_port});
    if (!s.v6() && !p->from.is_v4()) info.from.len = 0;
    if (!(flags & kMsgPeek)) packet_free(p);
    TRY(r);
    if (full > n) info.msg_flags |= kMsgTrunc;
    return (flags & kMsgTrunc) ? full : n;
}

u32 udp_poll(InetSocket& s) {
    u32 mask = 0;
    if (s.m_err) mask |= POLLERR;
    if (s.m_shutdown & kRcvShutdown) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (s.m_shutdown == (kRcvShutdown | kSendShutdown)) mask |= POLLHUP;
    if (!s.m_rxq.empty()) mask |= POLLIN | POLLRDNORM;
    mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
    return mask;
}
