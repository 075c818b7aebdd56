// SPDX-License-Identifier: MIT
// The receive path fed bad frames in the kernel: garbage, truncated and corrupted Ethernet/ARP/IPv4/
// TCP/UDP/ICMP frames go through eth_input on a stand-in Ethernet device (valid IPv4 header checksums,
// so the transports see the rest), addressed to 127.0.0.1 so they reach TCP, UDP and ICMP input and
// their replies go out over loopback. Nothing may crash and no packet may be left behind.
#include "abi/linux/inet_uapi.h"
#include "ktest/ktest.h"
#include "mm/kheap.h"
#include "net/inet/arp.h"
#include "net/inet/inet.h"
#include "net/inet/link_wire.h"
#include "net/inet/netdev.h"

namespace {

u64 g_rng = 0x243f6a8885a308d3;
u32 next() {
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return static_cast<u32>(g_rng);
}

u32 g_sent = 0;
void count_xmit(NetDevice&, Packet* p) {
    g_sent++;
    packet_free(p);
}

// A frame of len bytes (at least the Ethernet header) for dev: garbage after a plausible header.
Packet* make_frame(const NetDevice& dev, u32 len, int kind) {
    Packet* p = packet_alloc(0, len);
    if (!p) return nullptr;
    u8* f = p->data();
    for (u32 i = 0; i < len; i++) f[i] = static_cast<u8>(next());
    if (len < wire::kEtherHeaderLen) return p;
    __builtin_memcpy(f, kind & 1 ? dev.hw_addr : (const u8[6]){0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 6);
    wire::put16(f + 12, kind & 2 ? wire::kEtherTypeArp : wire::kEtherTypeIpv4);
    u8* ip = f + wire::kEtherHeaderLen;
    u32 iplen = len - static_cast<u32>(wire::kEtherHeaderLen);
    if ((kind & 2) || iplen < wire::kIpv4HeaderLen) return p;
    u32 ihl = (kind & 4) ? 5 : 5 + next() % 11;
    if (ihl * 4 > iplen) ihl = 5;
    ip[0] = static_cast<u8>(0x40 | ihl);
    wire::put16(ip + 2, static_cast<u16>((kind & 8) ? iplen : next() % (iplen + 40)));
    wire::put16(ip + 6, 0);
    static const u8 protos[] = {wire::kProtoTcp, wire::kProtoUdp, wire::kProtoIcmp, 200};
    ip[9] = protos[next() % 4];
    wire::put32(ip + 16, 0x7f000001);
    wire::put16(ip + 10, 0);
    wire::put16(ip + 10, wire::csum_fold(wire::csum_add(0, ip, ihl * 4)));
    return p;
}

}  // namespace

KTEST(eth_garbage, "net.eth_garbage_frames_are_dropped") {
    NetDevice dev{"fk0", 99, kIffUp | kIffRunning | kIffBroadcast, 1500, true, 0x0a090001, 0xffffff00,
                  false, {}, count_xmit};
    dev.hw_type = kArphrdEther;
    const u8 mac[6] = {0x02, 0, 0, 0, 0, 0x99};
    __builtin_memcpy(dev.hw_addr, mac, 6);
    dev.v4_broadcast = 0x0a0900ff;
    NetDevice& lo = loopback_dev();
    u32 lo_flags;
    {
        InetLocked g;
        lo_flags = lo.flags;
        netdev_set_flags(lo, kIffUp);
    }
    HeapStats before = kheap_stats();
    for (int round = 0; round < 20000; round++) {
        u32 len = next() % 200;
        Packet* p = make_frame(dev, len, round);
        KASSERT(p);
        InetLocked g;
        eth_input(dev, p);
    }
    // An ARP request for our address is answered (so the path is live, not just dropping everything).
    u32 sent = g_sent;
    {
        Packet* p = packet_alloc(0, static_cast<u32>(wire::kEtherHeaderLen + wire::kArpLen));
        KASSERT(p);
        wire::EtherHeader eh{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, {0x02, 0, 0, 0, 0, 0x42}, wire::kEtherTypeArp};
        wire::ether_build(eh, p->data());
        wire::ArpPacket a;
        a.op = wire::kArpRequest;
        __builtin_memcpy(a.sha, eh.src, 6);
        a.spa = 0x0a090042;
        a.tpa = dev.v4_addr;
        wire::arp_build(a, p->data() + wire::kEtherHeaderLen);
        InetLocked g;
        eth_input(dev, p);
        arp_flush(dev);
    }
    KEXPECT_EQ(g_sent, sent + 1);
    HeapStats after = kheap_stats();
    KEXPECT(after.live_allocations < before.live_allocations + 16);
    {
        InetLocked g;
        netdev_set_flags(lo, lo_flags);
    }
}
