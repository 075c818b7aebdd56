// SPDX-License-Identifier: MIT
// Ethernet framing and the ARP neighbour cache (linux: net/ethernet/eth.c, net/ipv4/arp.c,
// net/core/neighbour.c, much reduced): frames in from a device, IPv4 datagrams out to the
// neighbour's hardware address, resolved by ARP first. IPv6 is not carried over Ethernet (no
// neighbour discovery): IPv6 stays on loopback. Under inet_lock().
#pragma once

#include "net/inet/packet.h"

struct NetDevice;

// A frame the device received (dev's counters are the caller's). Frees p.
void eth_input(NetDevice& dev, Packet* p);
// Sends the IPv4 datagram in p to the neighbour next_hop on dev. Frees p.
void eth_output_v4(NetDevice& dev, Packet* p, u32 next_hop);
// Forgets dev's neighbours (its address or state changed).
void arp_flush(NetDevice& dev);
// Resends unanswered requests and gives up on neighbours that never answered.
void arp_tick(u64 now_ns);

// One neighbour as /proc/net/arp shows it.
struct NeighbourView {
    u32 ip;
    u8 mac[6];
    bool resolved;
    const NetDevice* dev;
};
// The cache's entries (at most max) into out; returns how many.
usize arp_snapshot(NeighbourView* out, usize max);
constexpr usize kArpCacheSize = 16;
