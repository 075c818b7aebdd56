// SPDX-License-Identifier: MIT
// The NETLINK_ROUTE dumps (see netlink_dump.h).
#include "net/inet/netlink_dump.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_abi.h"
#include "net/inet/netdev.h"
#include "net/inet/route.h"

namespace {

constexpr u32 kIffLowerUp = 0x10000;

usize name_len(const char* n) {
    usize i = 0;
    while (n[i]) i++;
    return i + 1;
}

}  // namespace

void netlink_dump_links(NetlinkReply& r) {
    for (usize i = 0; i < netdev_count(); i++) {
        NetDevice& d = *netdev_at(i);
        bool ether = d.hw_type == kArphrdEther;
        auto* ifi = reinterpret_cast<ifinfomsg*>(r.begin(RTM_NEWLINK, NLM_F_MULTI, sizeof(ifinfomsg)));
        if (!ifi) return;
        ifi->ifi_family = kAfUnspec;
        ifi->ifi_type = d.hw_type;
        ifi->ifi_index = d.index;
        ifi->ifi_flags = d.flags | (netdev_is_up(d) ? kIffLowerUp : 0);
        r.attr(IFLA_IFNAME, d.name, name_len(d.name));
        r.attr32(IFLA_TXQLEN, 1000);
        // linux: IF_OPER_UNKNOWN for lo (no carrier reporting), IF_OPER_UP for a NIC with carrier.
        r.attr8(IFLA_OPERSTATE, netdev_is_up(d) ? (ether ? 6 : 0) : 2 /* IF_OPER_DOWN */);
        r.attr8(IFLA_LINKMODE, 0);
        r.attr32(IFLA_MTU, d.mtu);
        u8 bcast[6];
        __builtin_memset(bcast, ether ? 0xff : 0, sizeof(bcast));
        r.attr(IFLA_ADDRESS, d.hw_addr, sizeof(d.hw_addr));
        r.attr(IFLA_BROADCAST, bcast, sizeof(bcast));
        r.end();
    }
}

namespace {

void dump_dev_addrs(NetlinkReply& r, NetDevice& d, u8 family) {
    bool ether = d.hw_type == kArphrdEther;
    if (!ether && !netdev_is_up(d)) return;   // lo's addresses come with IFF_UP (netdev.cpp)
    if (d.has_v4 && (family == kAfUnspec || family == kAfInet)) {
        auto* ifa = reinterpret_cast<ifaddrmsg*>(r.begin(RTM_NEWADDR, NLM_F_MULTI, sizeof(ifaddrmsg)));
        if (!ifa) return;
        ifa->ifa_family = kAfInet;
        ifa->ifa_prefixlen = static_cast<u8>(__builtin_popcount(d.v4_mask));
        ifa->ifa_flags = IFA_F_PERMANENT;
        ifa->ifa_scope = ether ? RT_SCOPE_UNIVERSE : RT_SCOPE_HOST;
        ifa->ifa_index = static_cast<u32>(d.index);
        u8 a[4];
        wire::put32(a, d.v4_addr);
        r.attr(IFA_ADDRESS, a, 4);
        r.attr(IFA_LOCAL, a, 4);
        if (ether) {
            u8 b[4];
            wire::put32(b, d.v4_broadcast);
            r.attr(IFA_BROADCAST, b, 4);
        }
        r.attr(IFA_LABEL, d.name, name_len(d.name));
        r.attr32(IFA_FLAGS, IFA_F_PERMANENT);
        r.end();
    }
    if (d.has_v6 && (family == kAfUnspec || family == kAfInet6)) {
        auto* ifa = reinterpret_cast<ifaddrmsg*>(r.begin(RTM_NEWADDR, NLM_F_MULTI, sizeof(ifaddrmsg)));
        if (!ifa) return;
        ifa->ifa_family = kAfInet6;
        ifa->ifa_prefixlen = 128;
        ifa->ifa_flags = IFA_F_PERMANENT;
        ifa->ifa_scope = RT_SCOPE_HOST;
        ifa->ifa_index = static_cast<u32>(d.index);
        r.attr(IFA_ADDRESS, d.v6_addr.b, 16);
        r.attr32(IFA_FLAGS, IFA_F_PERMANENT);
        r.end();
    }
}

}  // namespace

void netlink_dump_addrs(NetlinkReply& r, u8 family) {
    // linux: the IPv4 addresses of every device, then the IPv6 ones (inet_dump_ifaddr, inet6_dump_addr).
    for (u8 f : {u8(kAfInet), u8(kAfInet6)})
        if (family == kAfUnspec || family == f)
            for (usize i = 0; i < netdev_count(); i++) dump_dev_addrs(r, *netdev_at(i), f);
}

// linux: rtm_fill_fib_info() for the main table's routes (fib_trie order, as route_collect gives).
void netlink_dump_routes(NetlinkReply& r) {
    V4Route all[kRouteListMax];
    usize n = route_collect(all, kRouteListMax);
    for (usize i = 0; i < n; i++) {
        const V4Route& rt = all[i];
        auto* m = reinterpret_cast<rtmsg*>(r.begin(RTM_NEWROUTE, NLM_F_MULTI, sizeof(rtmsg)));
        if (!m) return;
        m->rtm_family = kAfInet;
        m->rtm_dst_len = static_cast<u8>(__builtin_popcount(rt.mask));
        m->rtm_table = RT_TABLE_MAIN;
        m->rtm_protocol = rt.connected ? RTPROT_KERNEL : RTPROT_BOOT;
        m->rtm_scope = rt.connected || !rt.gateway ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        m->rtm_type = RTN_UNICAST;
        r.attr32(RTA_TABLE, RT_TABLE_MAIN);
        u8 a[4];
        if (m->rtm_dst_len) {
            wire::put32(a, rt.dst);
            r.attr(RTA_DST, a, 4);
        }
        if (rt.metric) r.attr32(RTA_PRIORITY, rt.metric);
        if (rt.connected) {
            wire::put32(a, rt.dev->v4_addr);
            r.attr(RTA_PREFSRC, a, 4);
        }
        if (rt.gateway) {
            wire::put32(a, rt.gateway);
            r.attr(RTA_GATEWAY, a, 4);
        }
        r.attr32(RTA_OIF, static_cast<u32>(rt.dev->index));
        r.end();
    }
}
