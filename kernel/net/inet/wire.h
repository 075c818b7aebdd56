// SPDX-License-Identifier: MIT
// The wire formats of the inet stack (RFC 791 IPv4, RFC 8200 IPv6, RFC 768 UDP, RFC 9293 TCP,
// RFC 792/4443 ICMP): headers built into and parsed out of byte buffers, and the Internet
// checksum with its pseudo-headers. Pure code: it also builds for the host unit tests.
#pragma once

#include "lib/types.h"

namespace wire {

constexpr u8 kProtoIcmp = 1;
constexpr u8 kProtoTcp = 6;
constexpr u8 kProtoUdp = 17;
constexpr u8 kProtoIcmp6 = 58;
constexpr usize kIpv4HeaderLen = 20;
constexpr usize kIpv6HeaderLen = 40;
constexpr usize kUdpHeaderLen = 8;
constexpr usize kTcpHeaderLen = 20;
constexpr usize kTcpMaxHeaderLen = 60;

inline u16 get16(const u8* p) { return static_cast<u16>(p[0] << 8 | p[1]); }
inline u32 get32(const u8* p) { return u32(p[0]) << 24 | u32(p[1]) << 16 | u32(p[2]) << 8 | p[3]; }
inline void put16(u8* p, u16 v) { p[0] = static_cast<u8>(v >> 8); p[1] = static_cast<u8>(v); }
inline void put32(u8* p, u32 v) {
    put16(p, static_cast<u16>(v >> 16));
    put16(p + 2, static_cast<u16>(v));
}

// An address in IPv6 form; an IPv4 address is the v4-mapped ::ffff:a.b.c.d.
struct Addr {
    u8 b[16] = {};
    bool operator==(const Addr&) const = default;
    bool is_v4() const;
    u32 v4() const { return get32(b + 12); }   // host order
    bool is_any() const;                        // :: or 0.0.0.0 (mapped)
    static Addr from_v4(u32 host_order);
};

// One's-complement sum over bytes (an odd tail is padded with zero), not yet folded.
u32 csum_add(u32 sum, const u8* p, usize n);
u16 csum_fold(u32 sum);
// The pseudo-header sum for a transport checksum over len bytes of protocol proto.
u32 pseudo_sum(const Addr& src, const Addr& dst, u8 proto, u32 len);

struct IpHeader {
    Addr src, dst;
    u8 proto = 0;
    u8 ttl = 64;
    u32 payload_len = 0;
    u32 header_len = 0;   // set by ip_parse
    bool v6 = false;
};
// Writes the header that goes before payload_len bytes (20 bytes for v4, 40 for v6); returns its length.
usize ip_build(const IpHeader& h, u8* out, u16 ident);
// Parses and validates a datagram: header checksum, version, lengths. Returns the header length, 0 if bad.
usize ip_parse(const u8* p, usize len, IpHeader& h);

// UDP: header + payload already in place at p; fills ports, length and checksum.
void udp_finish(u8* p, usize len, u16 sport, u16 dport, const Addr& src, const Addr& dst);
bool udp_parse(const u8* p, usize len, const Addr& src, const Addr& dst, u16& sport, u16& dport);

constexpr u8 kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20;

struct TcpHeader {
    u16 sport = 0, dport = 0;
    u32 seq = 0, ack = 0;
    u8 flags = 0;
    u16 wnd = 0;
    u16 mss = 0;        // option, 0: absent
    i8 wscale = -1;     // option, -1: absent
};
// Builds the header (with the options of a SYN) in front of the payload_len bytes at out + return
// value and computes the checksum over both. Returns the header length.
usize tcp_header_len(const TcpHeader& h);
void tcp_finish(const TcpHeader& h, u8* out, usize payload_len, const Addr& src, const Addr& dst);
// Parses a segment: checksum, data offset, options. payload_off gets where the data starts.
bool tcp_parse(const u8* p, usize len, const Addr& src, const Addr& dst, TcpHeader& h, usize& payload_off);

}  // namespace wire
