// SPDX-License-Identifier: MIT
// The inet wire formats: the Internet checksum (RFC 1071 example), IPv4/IPv6 headers, UDP and TCP
// headers with options, built and parsed back; corrupted or truncated input is refused; and the
// byte ring the TCP queues use.
#include <gtest/gtest.h>

#include <vector>

#include "net/inet/byte_ring.h"
#include "net/inet/wire.h"

using namespace wire;

namespace {

Addr v6(std::initializer_list<int> tail) {
    Addr a;
    int i = 16 - static_cast<int>(tail.size());
    for (int b : tail) a.b[i++] = static_cast<u8>(b);
    return a;
}

}  // namespace

TEST(InetWire, ChecksumMatchesRfc1071Example) {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, complement 220d.
    const u8 data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    EXPECT_EQ(csum_fold(csum_add(0, data, sizeof(data))), 0x220d);
    // An odd byte is padded with zero on the right.
    const u8 odd[] = {0x12, 0x34, 0x56};
    EXPECT_EQ(csum_fold(csum_add(0, odd, 3)), static_cast<u16>(~(0x1234 + 0x5600) & 0xffff));
}

TEST(InetWire, AddressForms) {
    Addr lo = Addr::from_v4(0x7f000001);
    EXPECT_TRUE(lo.is_v4());
    EXPECT_EQ(lo.v4(), 0x7f000001u);
    EXPECT_FALSE(lo.is_any());
    EXPECT_TRUE(Addr::from_v4(0).is_any());
    EXPECT_TRUE(Addr{}.is_any());
    EXPECT_FALSE(Addr{}.is_v4());
    EXPECT_FALSE(v6({1}).is_v4());
}

TEST(InetWire, Ipv4HeaderRoundTripAndValidation) {
    IpHeader h;
    h.src = Addr::from_v4(0x7f000001);
    h.dst = Addr::from_v4(0x7f000002);
    h.proto = kProtoTcp;
    h.ttl = 17;
    h.payload_len = 5;
    u8 pkt[25] = {};
    ASSERT_EQ(ip_build(h, pkt, 0x1234), kIpv4HeaderLen);
    EXPECT_EQ(pkt[0], 0x45);
    EXPECT_EQ(get16(pkt + 2), 25);
    IpHeader back;
    ASSERT_EQ(ip_parse(pkt, sizeof(pkt), back), kIpv4HeaderLen);
    EXPECT_EQ(back.src, h.src);
    EXPECT_EQ(back.dst, h.dst);
    EXPECT_EQ(back.proto, kProtoTcp);
    EXPECT_EQ(back.ttl, 17);
    EXPECT_EQ(back.payload_len, 5u);
    EXPECT_FALSE(back.v6);
    // A flipped bit breaks the header checksum; a short buffer is not a datagram.
    pkt[8] ^= 1;
    EXPECT_EQ(ip_parse(pkt, sizeof(pkt), back), 0u);
    pkt[8] ^= 1;
    EXPECT_EQ(ip_parse(pkt, 24, back), 0u);
    EXPECT_EQ(ip_parse(pkt, 10, back), 0u);
}

TEST(InetWire, Ipv6HeaderRoundTrip) {
    IpHeader h;
    h.v6 = true;
    h.src = v6({1});
    h.dst = v6({1});
    h.proto = kProtoUdp;
    h.ttl = 64;
    h.payload_len = 8;
    u8 pkt[48] = {};
    ASSERT_EQ(ip_build(h, pkt, 0), kIpv6HeaderLen);
    EXPECT_EQ(pkt[0] >> 4, 6);
    IpHeader back;
    ASSERT_EQ(ip_parse(pkt, sizeof(pkt), back), kIpv6HeaderLen);
    EXPECT_TRUE(back.v6);
    EXPECT_EQ(back.src, h.src);
    EXPECT_EQ(back.payload_len, 8u);
    EXPECT_EQ(ip_parse(pkt, 47, back), 0u);   // the payload length says 8
}

TEST(InetWire, UdpChecksumCoversPseudoHeader) {
    for (bool six : {false, true}) {
        Addr src = six ? v6({1}) : Addr::from_v4(0x7f000001);
        Addr dst = six ? v6({1}) : Addr::from_v4(0x7f000001);
        u8 d[8 + 3] = {0, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c'};
        udp_finish(d, sizeof(d), 4000, 53, src, dst);
        u16 sp, dp;
        ASSERT_TRUE(udp_parse(d, sizeof(d), src, dst, sp, dp));
        EXPECT_EQ(sp, 4000);
        EXPECT_EQ(dp, 53);
        // The same bytes from another source fail the checksum.
        Addr other = six ? v6({2}) : Addr::from_v4(0x7f000002);
        EXPECT_FALSE(udp_parse(d, sizeof(d), other, dst, sp, dp));
        d[9] ^= 0x40;
        EXPECT_FALSE(udp_parse(d, sizeof(d), src, dst, sp, dp));
        EXPECT_FALSE(udp_parse(d, sizeof(d) - 1, src, dst, sp, dp));   // the length field disagrees
    }
}

TEST(InetWire, TcpHeaderWithOptionsRoundTrip) {
    Addr a = Addr::from_v4(0x7f000001);
    TcpHeader h;
    h.sport = 40000;
    h.dport = 80;
    h.seq = 0xfffffff0;
    h.ack = 7;
    h.flags = kSyn | kAck;
    h.wnd = 65535;
    h.mss = 65495;
    h.wscale = 7;
    usize hl = tcp_header_len(h);
    EXPECT_EQ(hl, 28u);
    std::vector<u8> seg(hl + 4);
    seg[hl] = 'd';
    tcp_finish(h, seg.data(), 4, a, a);
    TcpHeader back;
    usize off = 0;
    ASSERT_TRUE(tcp_parse(seg.data(), seg.size(), a, a, back, off));
    EXPECT_EQ(off, hl);
    EXPECT_EQ(back.sport, 40000);
    EXPECT_EQ(back.seq, 0xfffffff0u);
    EXPECT_EQ(back.flags, kSyn | kAck);
    EXPECT_EQ(back.mss, 65495);
    EXPECT_EQ(back.wscale, 7);
    seg[hl + 1] ^= 1;
    EXPECT_FALSE(tcp_parse(seg.data(), seg.size(), a, a, back, off));
    // A data offset past the segment, and an option running off the header, are refused.
    seg[hl + 1] ^= 1;
    seg[12] = 0xf0;
    EXPECT_FALSE(tcp_parse(seg.data(), seg.size(), a, a, back, off));
}

TEST(InetWire, ByteRingWrapsAround) {
    u8 store[8];
    ByteRing r;
    r.init(store, sizeof(store));
    const u8 in[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_EQ(r.push(in, 6), 6u);
    r.drop(4);
    EXPECT_EQ(r.size(), 2u);
    EXPECT_EQ(r.push(in + 6, 4), 4u);   // wraps
    EXPECT_EQ(r.push(in, 10), 2u);      // only the space left
    EXPECT_EQ(r.space(), 0u);
    u8 out[8];
    r.peek(0, out, 8);
    const u8 want[] = {5, 6, 7, 8, 9, 10, 1, 2};
    EXPECT_EQ(0, memcmp(out, want, 8));
    r.peek(3, out, 2);
    EXPECT_EQ(out[0], 8);
    EXPECT_EQ(out[1], 9);
    r.drop(100);
    EXPECT_EQ(r.size(), 0u);
}
