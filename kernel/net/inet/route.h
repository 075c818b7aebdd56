// SPDX-License-Identifier: MIT
// The IPv4 routing table (linux: net/ipv4/fib_*.c, much reduced): the routes user space added
// (SIOCADDRT, RTM_NEWROUTE) plus the connected route of every up device with an address and the
// local routes (this host's addresses go over loopback). Longest prefix wins, then the lowest
// metric. Under inet_lock().
#pragma once

#include "lib/result.h"
#include "lib/types.h"
#include "net/inet/netdev.h"

constexpr usize kMaxV4Routes = 16;   // added routes
constexpr usize kRouteListMax = kMaxV4Routes + kMaxNetDevices;   // what route_collect can return

struct V4Route {
    u32 dst = 0, mask = 0;   // host order
    u32 gateway = 0;         // 0: on-link
    u32 metric = 0;
    NetDevice* dev = nullptr;
    bool connected = false;   // a device's own network (route_collect only)
};

struct RouteResult {
    NetDevice* dev;
    u32 next_hop;   // the neighbour the frame goes to (the destination or a gateway)
    u32 src;        // the source address to use
};

// Where a datagram to dst goes. ENETUNREACH when no route matches.
Result<RouteResult> route_v4(u32 dst);
// Whether a is an address of an up device (or of the loopback network while lo is up).
bool route_is_local_v4(u32 a);
// dev null: the device through which gateway (or dst when no gateway) is on-link. EEXIST,
// ENETUNREACH (gateway not on-link), ENODEV.
Result<void> route_add(V4Route r);
Result<void> route_del(const V4Route& r, bool match_dev, bool match_gw);   // ESRCH
// The device went down: its routes go (linux: fib_disable_ip).
void route_flush_dev(NetDevice& dev);
usize route_count();
const V4Route* route_at(usize i);
// The main table as Linux lists it (/proc/net/route, RTM_GETROUTE): the connected networks of the up
// devices and the added routes, by destination, the longer prefix first. Returns how many (at most max).
usize route_collect(V4Route* out, usize max);
