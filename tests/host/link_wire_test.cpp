// SPDX-License-Identifier: MIT
// The receive parse path fed bad frames: every truncation of valid Ethernet/ARP/IPv4/UDP/TCP frames
// and a large number of random and bit-flipped ones go through the same chain the kernel runs
// (ether_parse, then arp_parse or ip_parse, then udp_parse/tcp_parse on what the IP header
// claims). Nothing may read out of bounds (ASan) and truncated frames must be refused.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "net/inet/link_wire.h"
#include "net/inet/wire.h"

using namespace wire;

namespace {

// The kernel's chain (arp.cpp eth_input, ip.cpp ip_input, udp/tcp input). Returns how deep the
// frame got: 0 refused at the link layer, 1 ARP, 2 IP refused, 3 transport refused, 4 accepted.
int parse_chain(const std::vector<u8>& f) {
    EtherHeader eh;
    if (!ether_parse(f.data(), f.size(), eh)) return 0;
    const u8* p = f.data() + kEtherHeaderLen;
    usize len = f.size() - kEtherHeaderLen;
    if (eh.type == kEtherTypeArp) {
        ArpPacket a;
        return arp_parse(p, len, a) ? 1 : 0;
    }
    IpHeader ip;
    usize hl = ip_parse(p, len, ip);
    if (!hl) return 2;
    // ip_input trims link padding to what the header says: the transport sees exactly that.
    std::vector<u8> payload(p + hl, p + hl + ip.payload_len);
    if (ip.proto == kProtoTcp) {
        TcpHeader th;
        usize off;
        if (!tcp_parse(payload.data(), payload.size(), ip.src, ip.dst, th, off)) return 3;
        EXPECT_LE(off, payload.size());
        return 4;
    }
    if (ip.proto == kProtoUdp) {
        u16 sp, dp;
        return udp_parse(payload.data(), payload.size(), ip.src, ip.dst, sp, dp) ? 4 : 3;
    }
    return 4;
}

std::vector<u8> ether(u16 type, const std::vector<u8>& body) {
    std::vector<u8> f(kEtherHeaderLen);
    EtherHeader h{{0x52, 0x54, 0, 0x12, 0x34, 0x56}, {0x52, 0x55, 10, 0, 2, 2}, type};
    ether_build(h, f.data());
    f.insert(f.end(), body.begin(), body.end());
    return f;
}

std::vector<u8> ipv4(u8 proto, std::vector<u8> transport, bool tcp_options) {
    Addr src = Addr::from_v4(0x0a000202), dst = Addr::from_v4(0x0a00020f);
    if (proto == kProtoTcp) {
        TcpHeader th;
        th.sport = 80;
        th.dport = 40000;
        th.seq = 1;
        th.flags = kSyn | kAck;
        th.wnd = 65535;
        if (tcp_options) {
            th.mss = 1460;
            th.wscale = 7;
        }
        std::vector<u8> seg(tcp_header_len(th) + transport.size());
        std::copy(transport.begin(), transport.end(), seg.begin() + static_cast<long>(tcp_header_len(th)));
        tcp_finish(th, seg.data(), transport.size(), src, dst);
        transport = seg;
    } else if (proto == kProtoUdp) {
        std::vector<u8> dg(kUdpHeaderLen + transport.size());
        std::copy(transport.begin(), transport.end(), dg.begin() + kUdpHeaderLen);
        udp_finish(dg.data(), dg.size(), 69, 40000, src, dst);
        transport = dg;
    }
    IpHeader ih;
    ih.src = src;
    ih.dst = dst;
    ih.proto = proto;
    ih.payload_len = static_cast<u32>(transport.size());
    std::vector<u8> d(kIpv4HeaderLen);
    ip_build(ih, d.data(), 1);
    d.insert(d.end(), transport.begin(), transport.end());
    return d;
}

std::vector<std::vector<u8>> valid_frames() {
    std::vector<u8> arp(kArpLen);
    ArpPacket a;
    a.op = kArpRequest;
    a.spa = 0x0a000202;
    a.tpa = 0x0a00020f;
    arp_build(a, arp.data());
    std::vector<u8> data(300, 0x5a);
    return {ether(kEtherTypeArp, arp), ether(kEtherTypeIpv4, ipv4(kProtoTcp, data, true)),
            ether(kEtherTypeIpv4, ipv4(kProtoTcp, {}, false)), ether(kEtherTypeIpv4, ipv4(kProtoUdp, data, false))};
}

}  // namespace

TEST(LinkWire, ValidFramesParseAllTheWay) {
    std::vector<std::vector<u8>> frames = valid_frames();
    EXPECT_EQ(parse_chain(frames[0]), 1);
    for (usize i = 1; i < frames.size(); i++) EXPECT_EQ(parse_chain(frames[i]), 4) << i;
    ArpPacket back;
    ASSERT_TRUE(arp_parse(frames[0].data() + kEtherHeaderLen, kArpLen, back));
    EXPECT_EQ(back.op, kArpRequest);
    EXPECT_EQ(back.spa, 0x0a000202u);
    EXPECT_EQ(back.tpa, 0x0a00020fu);
}

TEST(LinkWire, EveryTruncationIsRefused) {
    for (const std::vector<u8>& f : valid_frames()) {
        int full = parse_chain(f);
        for (usize n = 0; n < f.size(); n++) {
            std::vector<u8> cut(f.begin(), f.begin() + static_cast<long>(n));
            int depth = parse_chain(cut);
            EXPECT_LT(depth, full == 1 ? 1 : 4) << "kept " << n << " of " << f.size();
        }
    }
}

TEST(LinkWire, GarbageAndBitFlipsNeverReadOutOfBounds) {
    std::mt19937 rng(12345);
    // Random frames of every small size, with the EtherType forced to IPv4 or ARP half the time.
    for (int i = 0; i < 20000; i++) {
        std::vector<u8> f(rng() % 200);
        for (u8& b : f) b = static_cast<u8>(rng());
        if (f.size() >= kEtherHeaderLen && (i & 1)) put16(f.data() + 12, (i & 2) ? kEtherTypeArp : kEtherTypeIpv4);
        if (f.size() > kEtherHeaderLen && (i & 4)) f[kEtherHeaderLen] = static_cast<u8>(0x40 | (rng() % 16));
        parse_chain(f);
    }
    // Single-bit and single-byte corruptions of valid frames: headers, lengths, options.
    for (const std::vector<u8>& f : valid_frames()) {
        for (usize at = 0; at < f.size(); at++) {
            for (int bit = 0; bit < 8; bit++) {
                std::vector<u8> g = f;
                g[at] ^= static_cast<u8>(1 << bit);
                parse_chain(g);
            }
            for (u8 v : {u8(0), u8(0xff), u8(0x0f), u8(0xf0)}) {
                std::vector<u8> g = f;
                g[at] = v;
                parse_chain(g);
            }
        }
    }
}

TEST(LinkWire, ArpForOtherHardwareOrProtocolsIsRefused) {
    std::vector<u8> arp(kArpLen);
    ArpPacket a;
    a.op = kArpReply;
    arp_build(a, arp.data());
    ArpPacket out;
    EXPECT_TRUE(arp_parse(arp.data(), arp.size(), out));
    std::vector<u8> g = arp;
    g[1] = 6;   // IEEE 802 hardware
    EXPECT_FALSE(arp_parse(g.data(), g.size(), out));
    g = arp;
    g[2] = 0x86;   // IPv6 protocol
    EXPECT_FALSE(arp_parse(g.data(), g.size(), out));
    g = arp;
    g[5] = 16;   // protocol address length
    EXPECT_FALSE(arp_parse(g.data(), g.size(), out));
}
