// SPDX-License-Identifier: MIT
// The IPv4 routing table (see route.h).
#include "net/inet/route.h"

#include "abi/linux/uapi.h"
#include "net/inet/netdev.h"

namespace {

V4Route g_routes[kMaxV4Routes];
usize g_count = 0;

bool v4_loopback(u32 a) { return (a >> 24) == 127; }

int prefix_len(u32 mask) { return __builtin_popcount(mask); }

bool usable(const NetDevice& d) { return netdev_is_up(d) && d.has_v4 && d.hw_type == kArphrdEther; }

// The up device whose connected network holds a.
NetDevice* on_link(u32 a) {
    NetDevice* best = nullptr;
    int best_len = -1;
    for (usize i = 0; i < netdev_count(); i++) {
        NetDevice& d = *netdev_at(i);
        if (!usable(d) || (a & d.v4_mask) != (d.v4_addr & d.v4_mask)) continue;
        if (prefix_len(d.v4_mask) > best_len) {
            best = &d;
            best_len = prefix_len(d.v4_mask);
        }
    }
    return best;
}

}  // namespace

bool route_is_local_v4(u32 a) {
    NetDevice& lo = loopback_dev();
    if (v4_loopback(a)) return netdev_is_up(lo) && lo.has_v4;
    for (usize i = 0; i < netdev_count(); i++) {
        NetDevice& d = *netdev_at(i);
        if (usable(d) && d.v4_addr == a) return true;
    }
    return false;
}

Result<RouteResult> route_v4(u32 dst) {
    NetDevice& lo = loopback_dev();
    // linux: the local table first: 127.0.0.0/8 and this host's own addresses loop back.
    if (route_is_local_v4(dst)) {
        if (!netdev_is_up(lo)) return Error(ENETUNREACH);
        return RouteResult{&lo, dst, v4_loopback(dst) ? lo.v4_addr : dst};
    }
    if (v4_loopback(dst)) return Error(ENETUNREACH);
    if (dst == 0xffffffff) {   // the limited broadcast leaves by the first Ethernet device that is up
        for (usize i = 0; i < netdev_count(); i++) {
            NetDevice& d = *netdev_at(i);
            if (netdev_is_up(d) && d.hw_type == kArphrdEther) return RouteResult{&d, dst, d.has_v4 ? d.v4_addr : 0};
        }
        return Error(ENETUNREACH);
    }
    const V4Route* best = nullptr;
    for (usize i = 0; i < g_count; i++) {
        const V4Route& r = g_routes[i];
        if ((dst & r.mask) != r.dst || !netdev_is_up(*r.dev)) continue;
        if (!best || prefix_len(r.mask) > prefix_len(best->mask) ||
            (prefix_len(r.mask) == prefix_len(best->mask) && r.metric < best->metric))
            best = &r;
    }
    NetDevice* link = on_link(dst);
    if (link && (!best || prefix_len(link->v4_mask) >= prefix_len(best->mask)))
        return RouteResult{link, dst, link->v4_addr};
    if (!best) return Error(ENETUNREACH);
    NetDevice* d = best->dev;
    u32 src = d->has_v4 ? d->v4_addr : 0;
    return RouteResult{d, best->gateway ? best->gateway : dst, src};
}

Result<void> route_add(V4Route r) {
    r.dst &= r.mask;
    u32 hop = r.gateway ? r.gateway : r.dst;
    if (!r.dev) {
        r.dev = on_link(hop);
        if (!r.dev) return Error(r.gateway ? ENETUNREACH : ENODEV);
    } else if (r.gateway && (r.gateway & r.dev->v4_mask) != (r.dev->v4_addr & r.dev->v4_mask)) {
        return Error(ENETUNREACH);   // linux: fib_check_nh() wants the gateway on-link
    }
    for (usize i = 0; i < g_count; i++) {
        const V4Route& o = g_routes[i];
        if (o.dst == r.dst && o.mask == r.mask && o.metric == r.metric) return Error(EEXIST);
    }
    if (g_count == kMaxV4Routes) return Error(ENOBUFS);
    g_routes[g_count++] = r;
    return {};
}

Result<void> route_del(const V4Route& r, bool match_dev, bool match_gw) {
    for (usize i = 0; i < g_count; i++) {
        const V4Route& o = g_routes[i];
        if (o.dst != (r.dst & r.mask) || o.mask != r.mask) continue;
        if (match_dev && o.dev != r.dev) continue;
        if (match_gw && o.gateway != r.gateway) continue;
        for (usize j = i + 1; j < g_count; j++) g_routes[j - 1] = g_routes[j];
        g_count--;
        return {};
    }
    return Error(ESRCH);
}

void route_flush_dev(NetDevice& dev) {
    usize n = 0;
    for (usize i = 0; i < g_count; i++)
        if (g_routes[i].dev != &dev) g_routes[n++] = g_routes[i];
    g_count = n;
}

usize route_count() { return g_count; }

const V4Route* route_at(usize i) { return i < g_count ? &g_routes[i] : nullptr; }

usize route_collect(V4Route* out, usize max) {
    usize n = 0;
    for (usize i = 0; i < netdev_count() && n < max; i++) {
        NetDevice& d = *netdev_at(i);
        if (usable(d)) {
            out[n] = V4Route{d.v4_addr & d.v4_mask, d.v4_mask, 0, 0, &d};
            out[n++].connected = true;
        }
    }
    for (usize i = 0; i < g_count && n < max; i++) out[n++] = g_routes[i];
    for (usize i = 1; i < n; i++)
        for (usize j = i; j > 0; j--) {
            const V4Route& a = out[j - 1];
            const V4Route& b = out[j];
            if (a.dst < b.dst || (a.dst == b.dst && a.mask >= b.mask)) break;
            V4Route t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}
