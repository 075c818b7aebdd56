// SPDX-License-Identifier: MIT
// Ethernet input/output and the ARP cache (see arp.h).
#include "net/inet/arp.h"

#include "abi/linux/inet_uapi.h"
#include "core/time.h"
#include "net/inet/inet.h"
#include "net/inet/link_wire.h"
#include "net/inet/netdev.h"

namespace {

constexpr usize kEntries = kArpCacheSize;
constexpr u32 kMaxPending = 16;                // datagrams waiting for one neighbour (linux: 101 KiB)
constexpr u64 kRetransNs = 1'000'000'000;      // linux: neigh retrans_time
constexpr u8 kMaxProbes = 3;                   // linux: mcast_solicit

enum class NeighState : u8 { Free, Incomplete, Reachable };

struct Neighbour {
    NeighState state = NeighState::Free;
    NetDevice* dev = nullptr;
    u32 ip = 0;
    u8 mac[6] = {};
    u64 last_request_ns = 0;
    u8 probes = 0;
    u32 npending = 0;
    PacketList pending;
};

Neighbour g_neigh[kEntries];
const u8 kBroadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

void send_frame(NetDevice& d, Packet* p, const u8* dst, u16 type) {
    wire::EtherHeader h;
    __builtin_memcpy(h.dst, dst, 6);
    __builtin_memcpy(h.src, d.hw_addr, 6);
    h.type = type;
    wire::ether_build(h, p->push(wire::kEtherHeaderLen));
    d.xmit(d, p);
}

void send_arp(NetDevice& d, u16 op, const u8* dst_mac, u32 target_ip, const u8* target_mac) {
    Packet* p = packet_alloc(kPacketHeadroom, wire::kArpLen);
    if (!p) return;
    wire::ArpPacket a;
    a.op = op;
    __builtin_memcpy(a.sha, d.hw_addr, 6);
    a.spa = d.has_v4 ? d.v4_addr : 0;
    if (target_mac) __builtin_memcpy(a.tha, target_mac, 6);
    a.tpa = target_ip;
    wire::arp_build(a, p->data());
    send_frame(d, p, dst_mac, wire::kEtherTypeArp);
}

Neighbour* find(NetDevice& d, u32 ip) {
    for (Neighbour& n : g_neigh)
        if (n.state != NeighState::Free && n.dev == &d && n.ip == ip) return &n;
    return nullptr;
}

void release(Neighbour& n) {
    packet_free_all(n.pending);
    n.npending = 0;
    n.state = NeighState::Free;
    n.dev = nullptr;
}

// A free entry, else the oldest incomplete one, else the first (a full table of live neighbours
// is far beyond what a guest on one subnet meets).
Neighbour& allocate() {
    for (Neighbour& n : g_neigh)
        if (n.state == NeighState::Free) return n;
    Neighbour* victim = &g_neigh[0];
    for (Neighbour& n : g_neigh)
        if (n.state == NeighState::Incomplete && n.last_request_ns < victim->last_request_ns) victim = &n;
    release(*victim);
    return *victim;
}

void resolved(Neighbour& n, const u8* mac) {
    __builtin_memcpy(n.mac, mac, 6);
    n.state = NeighState::Reachable;
    n.probes = 0;
    while (Packet* p = n.pending.pop_front()) send_frame(*n.dev, p, n.mac, wire::kEtherTypeIpv4);
    n.npending = 0;
}

void arp_input(NetDevice& d, Packet* p) {
    wire::ArpPacket a;
    if (!wire::arp_parse(p->data(), p->len, a) || !d.has_v4 || wire::ether_is_multicast(a.sha)) return packet_free(p);
    packet_free(p);
    bool for_us = a.tpa == d.v4_addr;
    // RFC 826: update an existing entry from any packet; add one only when the packet is for us.
    Neighbour* n = a.spa ? find(d, a.spa) : nullptr;
    if (!n && for_us && a.spa) {
        n = &allocate();
        n->dev = &d;
        n->ip = a.spa;
        n->state = NeighState::Incomplete;
    }
    if (n) resolved(*n, a.sha);
    if (for_us && a.op == wire::kArpRequest) send_arp(d, wire::kArpReply, a.sha, a.spa, a.sha);
}

}  // namespace

void eth_input(NetDevice& d, Packet* p) {
    wire::EtherHeader h;
    if (!wire::ether_parse(p->data(), p->len, h)) return packet_free(p);
    bool ours = __builtin_memcmp(h.dst, d.hw_addr, 6) == 0 || wire::ether_is_broadcast(h.dst);
    if (!ours || !netdev_is_up(d)) {
        d.rx_dropped++;
        return packet_free(p);
    }
    p->pull(wire::kEtherHeaderLen);
    switch (h.type) {
    case wire::kEtherTypeIpv4:
        if (p->len && (p->data()[0] >> 4) == 4) return ip_input(p);
        break;
    case wire::kEtherTypeArp: return arp_input(d, p);
    default: break;
    }
    d.rx_dropped++;
    packet_free(p);
}

void eth_output_v4(NetDevice& d, Packet* p, u32 next_hop) {
    if (next_hop == 0xffffffff || (d.has_v4 && next_hop == d.v4_broadcast && d.v4_mask != 0xffffffff))
        return send_frame(d, p, kBroadcast, wire::kEtherTypeIpv4);
    Neighbour* n = find(d, next_hop);
    if (n && n->state == NeighState::Reachable) return send_frame(d, p, n->mac, wire::kEtherTypeIpv4);
    if (!n) {
        n = &allocate();
        n->dev = &d;
        n->ip = next_hop;
        n->state = NeighState::Incomplete;
        n->probes = 0;
        n->last_request_ns = 0;
    }
    if (n->npending == kMaxPending) {
        packet_free(n->pending.pop_front());
        n->npending--;
        d.tx_dropped++;
    }
    n->pending.push_back(*p);
    n->npending++;
    u64 now = monotonic_ns();
    if (!n->last_request_ns || now - n->last_request_ns >= kRetransNs) {
        n->last_request_ns = now ? now : 1;
        n->probes++;
        send_arp(d, wire::kArpRequest, kBroadcast, next_hop, nullptr);
    }
}

void arp_flush(NetDevice& d) {
    for (Neighbour& n : g_neigh)
        if (n.state != NeighState::Free && n.dev == &d) release(n);
}

void arp_tick(u64 now) {
    for (Neighbour& n : g_neigh) {
        if (n.state != NeighState::Incomplete || now - n.last_request_ns < kRetransNs) continue;
        if (n.probes >= kMaxProbes || !netdev_is_up(*n.dev)) {
            n.dev->tx_dropped += n.npending;
            release(n);
            continue;
        }
        n.last_request_ns = now;
        n.probes++;
        send_arp(*n.dev, wire::kArpRequest, kBroadcast, n.ip, nullptr);
    }
}

usize arp_snapshot(NeighbourView* out, usize max) {
    usize n = 0;
    for (const Neighbour& e : g_neigh) {
        if (e.state == NeighState::Free || n == max) continue;
        out[n].ip = e.ip;
        __builtin_memcpy(out[n].mac, e.state == NeighState::Reachable ? e.mac : (const u8[6]){}, 6);
        out[n].resolved = e.state == NeighState::Reachable;
        out[n].dev = e.dev;
        n++;
    }
    return n;
}
