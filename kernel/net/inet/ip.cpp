// SPDX-License-Identifier: MIT
// IPv4 over loopback and Ethernet, IPv6 over loopback (linux: net/ipv4/route.c ip_route_output, ip_output.c,
// ip_input.c; net/ipv6/ip6_output.c, ip6_input.c): routes, addresses, sending and receiving.
#include "abi/linux/inet_uapi.h"
#include "abi/linux/uapi.h"
#include "net/inet/arp.h"
#include "net/inet/inet.h"
#include "net/inet/netdev.h"
#include "net/inet/route.h"

namespace {

u16 g_ident = 1;

bool v6_loopback(const wire::Addr& a) {
    for (int i = 0; i < 15; i++)
        if (a.b[i]) return false;
    return a.b[15] == 1;
}

}  // namespace

Result<wire::Addr> ip_route(const wire::Addr& dst) {
    NetDevice& lo = loopback_dev();
    if (dst.is_v4()) {
        // linux: the local routes of 127.0.0.0/8 exist only while lo is up.
        RouteResult r = TRY(route_v4(dst.v4()));
        return wire::Addr::from_v4(r.src);   // 0.0.0.0 only for a broadcast from a device without an address
    }
    if (!v6_loopback(dst)) return Error(ENETUNREACH);
    // linux: source address selection finds no ::1 while lo is down.
    if (!netdev_is_up(lo) || !lo.has_v6) return Error(EADDRNOTAVAIL);
    return lo.v6_addr;
}

bool ip_is_local(const wire::Addr& a, bool v6) {
    if (a.is_v4()) {
        u32 v = a.v4();
        // linux: inet_addr_type() calls multicast and broadcast addresses bindable too.
        return v == 0 || (v >> 24) == 127 || route_is_local_v4(v) || v == 0xffffffff || (v >> 28) == 0xe;
    }
    if (!v6) return false;
    if (a.is_any()) return true;
    NetDevice& lo = loopback_dev();
    return v6_loopback(a) && netdev_is_up(lo) && lo.has_v6;
}

Result<void> ip_output(Packet* p, const wire::Addr& src, const wire::Addr& dst, u8 proto, u8 ttl) {
    NetDevice* dev = &loopback_dev();
    u32 next_hop = 0;
    if (dst.is_v4()) {
        auto r = route_v4(dst.v4());
        if (r.is_error()) {
            packet_free(p);
            return r.error();
        }
        dev = r.value().dev;
        next_hop = r.value().next_hop;
    }
    if (!netdev_is_up(*dev)) {
        packet_free(p);
        return Error(ENETUNREACH);
    }
    wire::IpHeader h;
    h.src = src;
    h.dst = dst;
    h.proto = proto;
    h.ttl = ttl;
    h.payload_len = p->len;
    h.v6 = !dst.is_v4();
    u8* hdr = p->push(static_cast<u32>(h.v6 ? wire::kIpv6HeaderLen : wire::kIpv4HeaderLen));
    wire::ip_build(h, hdr, g_ident++);
    if (dev->hw_type == kArphrdEther) eth_output_v4(*dev, p, next_hop);
    else dev->xmit(*dev, p);
    return {};
}

void ip_input(Packet* p) {
    wire::IpHeader h;
    usize hl = wire::ip_parse(p->data(), p->len, h);
    if (!hl || !ip_is_local(h.dst, h.v6) || h.dst.is_any()) {
        packet_free(p);
        return;
    }
    p->len = static_cast<u32>(hl + h.payload_len);   // drop link padding
    p->pull(static_cast<u32>(hl));
    switch (h.proto) {
    case wire::kProtoTcp: tcp_input(p, h); return;
    case wire::kProtoUdp: udp_input(p, h); return;
    case wire::kProtoIcmp:
    case wire::kProtoIcmp6: icmp_input(p, h); return;
    default: packet_free(p); return;
    }
}
