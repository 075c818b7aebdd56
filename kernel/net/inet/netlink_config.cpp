// SPDX-License-Identifier: MIT
// Configuration through NETLINK_ROUTE (see netlink_config.h).
#include "net/inet/netlink_config.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/netlink_uapi.h"
#include "abi/linux/socket_abi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "net/inet/arp.h"
#include "net/inet/netdev.h"
#include "net/inet/route.h"
#include "net/inet/wire.h"

namespace {

// The attributes after a fixed header of hlen bytes: the value of each type that fits (IPv4 only).
struct Attrs {
    bool has[RTA_MAX + 1] = {};
    u32 v4[RTA_MAX + 1] = {};   // the first 4 bytes of the value, read big-endian (an IPv4 address)
};

bool parse_attrs(const u8* body, usize len, usize hlen, Attrs& a) {
    if (len < hlen) return false;
    usize off = NLMSG_ALIGN(hlen);
    while (off + sizeof(rtattr) <= len) {
        rtattr h;
        __builtin_memcpy(&h, body + off, sizeof(h));
        if (h.rta_len < sizeof(rtattr) || off + h.rta_len > len) return false;
        usize n = h.rta_len - RTA_LENGTH(0);
        if (h.rta_type <= RTA_MAX) {
            a.has[h.rta_type] = true;
            if (n >= 4) a.v4[h.rta_type] = wire::get32(body + off + RTA_LENGTH(0));
        }
        off += RTA_ALIGN(h.rta_len);
    }
    return true;
}

int link_request(u16 type, const u8* body, usize len) {
    ifinfomsg m;
    if (len < sizeof(m)) return EINVAL;
    __builtin_memcpy(&m, body, sizeof(m));
    NetDevice* d = netdev_by_index(m.ifi_index);
    if (!d) return ENODEV;
    (void)type;
    // linux: dev_change_flags() with ifi_change as the mask (0: every flag, the old interface).
    u32 change = m.ifi_change ? m.ifi_change : 0xffffffff;
    if (change & kIffUp) netdev_set_flags(*d, (d->flags & ~kIffUp) | (m.ifi_flags & kIffUp));
    return 0;
}

u32 prefix_mask(u8 len) { return len ? 0xffffffffu << (32 - len) : 0; }

int addr_request(u16 type, const u8* body, usize len, u16 flags) {
    ifaddrmsg m;
    Attrs a;
    if (!parse_attrs(body, len, sizeof(m), a)) return EINVAL;
    __builtin_memcpy(&m, body, sizeof(m));
    if (m.ifa_family != kAfInet) return EAFNOSUPPORT;
    if (m.ifa_prefixlen > 32) return EINVAL;
    NetDevice* d = netdev_by_index(static_cast<int>(m.ifa_index));
    if (!d) return ENODEV;
    if (d->hw_type != kArphrdEther) return EOPNOTSUPP;   // lo's 127.0.0.1 stays as it is
    u32 local = a.has[IFA_LOCAL] ? a.v4[IFA_LOCAL] : a.v4[IFA_ADDRESS];
    if (!a.has[IFA_LOCAL] && !a.has[IFA_ADDRESS]) return EINVAL;
    if (type == RTM_DELADDR) {
        if (!d->has_v4 || d->v4_addr != local) return EADDRNOTAVAIL;
        d->has_v4 = false;
        d->v4_addr = d->v4_mask = d->v4_broadcast = 0;
        route_flush_dev(*d);
        arp_flush(*d);
        return 0;
    }
    u32 mask = prefix_mask(m.ifa_prefixlen);
    if (d->has_v4) {
        if (d->v4_addr == local && d->v4_mask == mask) return (flags & NLM_F_EXCL) ? EEXIST : 0;
        return EOPNOTSUPP;   // LINUX-DIVERGENCE: one IPv4 address per device
    }
    d->has_v4 = true;
    d->v4_addr = local;
    d->v4_mask = mask;
    // `ip addr add` gives no broadcast unless asked ("brd +"); Linux then has none (0.0.0.0).
    d->v4_broadcast = a.has[IFA_BROADCAST] ? a.v4[IFA_BROADCAST] : 0;
    return 0;
}

int route_request(u16 type, const u8* body, usize len, u16 flags) {
    rtmsg m;
    Attrs a;
    if (!parse_attrs(body, len, sizeof(m), a)) return EINVAL;
    __builtin_memcpy(&m, body, sizeof(m));
    if (m.rtm_family != kAfInet) return EAFNOSUPPORT;
    if (m.rtm_dst_len > 32) return EINVAL;
    if (m.rtm_type != RTN_UNICAST && !(type == RTM_DELROUTE && m.rtm_type == RTN_UNSPEC)) return EOPNOTSUPP;
    V4Route r;
    r.mask = prefix_mask(m.rtm_dst_len);
    r.dst = a.v4[RTA_DST];
    if (r.dst & ~r.mask) return EINVAL;
    r.gateway = a.has[RTA_GATEWAY] ? a.v4[RTA_GATEWAY] : 0;
    // RTA_PRIORITY and RTA_OIF are host-order (little-endian) integers; v4[] read them big-endian.
    r.metric = a.has[RTA_PRIORITY] ? __builtin_bswap32(a.v4[RTA_PRIORITY]) : 0;
    if (a.has[RTA_OIF]) {
        r.dev = netdev_by_index(static_cast<int>(__builtin_bswap32(a.v4[RTA_OIF])));
        if (!r.dev) return ENODEV;
    }
    if (type == RTM_DELROUTE) {
        auto res = route_del(r, r.dev != nullptr, r.gateway != 0);
        return res.is_error() ? res.error_code() : 0;
    }
    if (!(flags & NLM_F_CREATE)) return ENOENT;   // linux: a route to replace must exist
    auto res = route_add(r);
    if (res.is_error() && res.error_code() == EEXIST && !(flags & NLM_F_EXCL)) return 0;
    return res.is_error() ? res.error_code() : 0;
}

}  // namespace

bool netlink_config(u16 type, u16 flags, const u8* body, usize len, int& err) {
    switch (type) {
    case RTM_NEWLINK:
    case RTM_SETLINK:
    case RTM_NEWADDR:
    case RTM_DELADDR:
    case RTM_NEWROUTE:
    case RTM_DELROUTE: break;
    default: return false;
    }
    if (!capable(CAP_NET_ADMIN)) {
        err = EPERM;
        return true;
    }
    if (type == RTM_NEWLINK || type == RTM_SETLINK) err = link_request(type, body, len);
    else if (type == RTM_NEWADDR || type == RTM_DELADDR) err = addr_request(type, body, len, flags);
    else err = route_request(type, body, len, flags);
    return true;
}
