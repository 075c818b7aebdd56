// SPDX-License-Identifier: MIT
// Raw IPv4 sockets for ICMP (linux: net/ipv4/raw.c), what ping(8) opens as root. They are kept on
// a list of their own (not the port table: they have no port). Every ICMP datagram that arrives
// is copied, IP header included, to each raw socket whose bound and connected addresses match and
// whose ICMP_FILTER lets its type through, before ICMP itself looks at it (raw_local_deliver).
#include "abi/linux/socket_uapi.h"
#include "abi/linux/inet_uapi.h"
#include "abi/linux/uapi.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"

namespace {

constexpr u32 kMaxV4Payload = 65535 - wire::kIpv4HeaderLen;

IntrusiveList<InetSocket, &InetSocket::m_table_node>& raw_list() {
    static IntrusiveList<InetSocket, &InetSocket::m_table_node> list;
    return list;
}

}  // namespace

void raw_add(InetSocket& s) {
    if (s.m_in_raw) return;
    s.ref();
    s.m_in_raw = true;
    raw_list().push_back(s);
}

void raw_remove(InetSocket& s) {
    if (!s.m_in_raw) return;
    raw_list().remove(s);
    s.m_in_raw = false;
    RefPtr<InetSocket>::adopt(&s);
}

void raw_deliver(Packet* p, const wire::IpHeader& ip) {
    if (ip.v6 || raw_list().empty()) return;
    const u8* header = p->data() - ip.header_len;
    u32 whole = ip.header_len + p->len;
    u8 type = p->len ? p->data()[0] : 0;
    for (InetSocket& s : raw_list()) {
        if (s.m_protocol != ip.proto || (s.m_shutdown & kRcvShutdown)) continue;
        if (!s.m_local.addr.is_any() && !(s.m_local.addr == ip.dst)) continue;
        if (s.m_conn == SockConn::Connected && !(s.m_remote.addr == ip.src)) continue;
        if (ip.proto == IPPROTO_ICMP && type < 32 && (s.m_icmp_filter >> type) & 1) continue;
        if (s.m_rx_bytes + whole > s.m_rcvbuf) continue;   // linux: the receive buffer is full
        Packet* copy = packet_alloc(0, whole);
        if (!copy) continue;
        __builtin_memcpy(copy->data(), header, whole);
        copy->from = ip.src;
        copy->from_port = 0;
        s.m_rx_bytes += whole;
        s.m_rxq.push_back(*copy);
        inet_wake_later(s);
    }
}

Result<usize> raw_send(InetSocket& s, const DataIter& data, const InetEnd* to) {
    Packet* p = TRY(packet_from_user(data, kMaxV4Payload, kPacketHeadroom));
    u32 len = p->len;
    InetLocked g;
    auto fail = [&](int e) -> Result<usize> {
        packet_free(p);
        return Error(e);
    };
    wire::Addr dst;
    if (to) dst = to->addr.is_any() ? wire::Addr::from_v4(0x7f000001) : to->addr;
    else if (s.m_conn == SockConn::Connected) dst = s.m_remote.addr;
    else return fail(EDESTADDRREQ);
    if (!dst.is_v4()) return fail(EINVAL);
    if (s.m_shutdown & kSendShutdown) return fail(EPIPE);
    auto route = ip_route(dst);
    if (route.is_error()) return fail(route.error().code);
    wire::Addr src = s.m_local.addr.is_any() ? route.value() : s.m_local.addr;
    TRY(ip_output(p, src, dst, static_cast<u8>(s.m_protocol), inet_ttl(s)));
    return usize(len);
}
