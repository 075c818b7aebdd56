// SPDX-License-Identifier: MIT
// ICMP and ICMPv6 (RFC 792, RFC 4443; linux: net/ipv4/icmp.c, net/ipv6/icmp.c): a datagram to a
// UDP port nobody has bound is answered with "port unreachable", which gives a connected UDP
// sender ECONNREFUSED; an IPv4 echo request is answered with an echo reply (ping). Raw sockets
// get a copy of every ICMP datagram first.
#include "abi/linux/uapi.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"

namespace {

constexpr u8 kIcmpUnreach = 3, kIcmpPortUnreach = 3;       // ICMP_DEST_UNREACH, ICMP_PORT_UNREACH
constexpr u8 kIcmp6Unreach = 1, kIcmp6PortUnreach = 4;     // ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH
constexpr u8 kIcmpEchoReply = 0, kIcmpEcho = 8;              // ICMP_ECHOREPLY, ICMP_ECHO
constexpr u32 kIcmpHeaderLen = 8;
constexpr u32 kQuoteMax = 548;   // linux: a v4 error fits 576 bytes

}  // namespace

void icmp_port_unreachable(const wire::IpHeader& ip, const u8* orig, u32 orig_len) {
    if (orig_len > kQuoteMax) orig_len = kQuoteMax;
    Packet* p = packet_alloc(kPacketHeadroom, kIcmpHeaderLen + orig_len);
    if (!p) return;
    u8* m = p->data();
    __builtin_memset(m, 0, kIcmpHeaderLen);
    m[0] = ip.v6 ? kIcmp6Unreach : kIcmpUnreach;
    m[1] = ip.v6 ? kIcmp6PortUnreach : kIcmpPortUnreach;
    __builtin_memcpy(m + kIcmpHeaderLen, orig, orig_len);
    u8 proto = ip.v6 ? wire::kProtoIcmp6 : wire::kProtoIcmp;
    u32 sum = ip.v6 ? wire::pseudo_sum(ip.dst, ip.src, proto, p->len) : 0;
    wire::put16(m + 2, wire::csum_fold(wire::csum_add(sum, m, p->len)));
    (void)ip_output(p, ip.dst, ip.src, proto, 64);
}

namespace {

// linux: icmp_echo(): the same identifier, sequence and data back to the sender.
void icmp_echo_reply(const wire::IpHeader& ip, const u8* m, u32 len) {
    Packet* r = packet_alloc(kPacketHeadroom, len);
    if (!r) return;
    u8* out = r->data();
    __builtin_memcpy(out, m, len);
    out[0] = kIcmpEchoReply;
    out[2] = out[3] = 0;
    wire::put16(out + 2, wire::csum_fold(wire::csum_add(0, out, len)));
    (void)ip_output(r, ip.dst, ip.src, wire::kProtoIcmp, 64);
}

}  // namespace

void icmp_input(Packet* p, const wire::IpHeader& ip) {
    raw_deliver(p, ip);
    const u8* m = p->data();
    u32 len = p->len;
    u32 sum = ip.v6 ? wire::pseudo_sum(ip.src, ip.dst, ip.proto, len) : 0;
    bool valid = len >= kIcmpHeaderLen && wire::csum_fold(wire::csum_add(sum, m, len)) == 0;
    if (valid && !ip.v6 && m[0] == kIcmpEcho && m[1] == 0) {
        icmp_echo_reply(ip, m, len);
        packet_free(p);
        return;
    }
    bool port_unreach = valid && (ip.v6 ? m[0] == kIcmp6Unreach && m[1] == kIcmp6PortUnreach
                                        : m[0] == kIcmpUnreach && m[1] == kIcmpPortUnreach);
    if (port_unreach) {
        // The quoted datagram: its IP header, then the first 8 bytes of its UDP header.
        const u8* q = m + kIcmpHeaderLen;
        u32 qlen = len - kIcmpHeaderLen;
        wire::Addr src, dst;
        u32 hl = 0;
        u8 proto = 0;
        if (!ip.v6 && qlen >= wire::kIpv4HeaderLen && (q[0] >> 4) == 4) {
            hl = (q[0] & 0xfu) * 4;
            proto = q[9];
            src = wire::Addr::from_v4(wire::get32(q + 12));
            dst = wire::Addr::from_v4(wire::get32(q + 16));
        } else if (ip.v6 && qlen >= wire::kIpv6HeaderLen && (q[0] >> 4) == 6) {
            hl = wire::kIpv6HeaderLen;
            proto = q[6];
            __builtin_memcpy(src.b, q + 8, 16);
            __builtin_memcpy(dst.b, q + 24, 16);
        }
        if (hl && proto == wire::kProtoUdp && qlen >= hl + 4)
            udp_icmp_error(src, wire::get16(q + hl), dst, wire::get16(q + hl + 2), ECONNREFUSED);
    }
    packet_free(p);
}
