// SPDX-License-Identifier: MIT
// Header building and parsing for IPv4/IPv6/UDP/TCP and the Internet checksum (see wire.h).
#include "net/inet/wire.h"

namespace wire {

namespace {

constexpr u8 kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool zero(const u8* p, usize n) {
    for (usize i = 0; i < n; i++)
        if (p[i]) return false;
    return true;
}

bool checksum_ok(const u8* p, usize len, const Addr& src, const Addr& dst, u8 proto) {
    return csum_fold(csum_add(pseudo_sum(src, dst, proto, static_cast<u32>(len)), p, len)) == 0;
}

}  // namespace

bool Addr::is_v4() const { return __builtin_memcmp(b, kMappedPrefix, 12) == 0; }

bool Addr::is_any() const { return zero(b, 16) || (is_v4() && v4() == 0); }

Addr Addr::from_v4(u32 host_order) {
    Addr a;
    __builtin_memcpy(a.b, kMappedPrefix, 12);
    put32(a.b + 12, host_order);
    return a;
}

u32 csum_add(u32 sum, const u8* p, usize n) {
    u64 s = sum;
    usize i = 0;
    for (; i + 1 < n; i += 2) s += get16(p + i);
    if (i < n) s += u32(p[i]) << 8;
    while (s >> 32) s = (s & 0xffffffff) + (s >> 32);
    return static_cast<u32>(s);
}

u16 csum_fold(u32 sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<u16>(~sum & 0xffff);
}

u32 pseudo_sum(const Addr& src, const Addr& dst, u8 proto, u32 len) {
    u32 s = 0;
    if (src.is_v4() && dst.is_v4()) {
        s = csum_add(s, src.b + 12, 4);
        s = csum_add(s, dst.b + 12, 4);
        u8 tail[4] = {0, proto, static_cast<u8>(len >> 8), static_cast<u8>(len)};
        return csum_add(s, tail, 4);
    }
    s = csum_add(s, src.b, 16);
    s = csum_add(s, dst.b, 16);
    u8 tail[8];
    put32(tail, len);
    tail[4] = tail[5] = tail[6] = 0;
    tail[7] = proto;
    return csum_add(s, tail, 8);
}

usize ip_build(const IpHeader& h, u8* out, u16 ident) {
    if (h.v6) {
        put32(out, 6u << 28);
        put16(out + 4, static_cast<u16>(h.payload_len));
        out[6] = h.proto;
        out[7] = h.ttl;
        __builtin_memcpy(out + 8, h.src.b, 16);
        __builtin_memcpy(out + 24, h.dst.b, 16);
        return kIpv6HeaderLen;
    }
    out[0] = 0x45;
    out[1] = 0;
    put16(out + 2, static_cast<u16>(kIpv4HeaderLen + h.payload_len));
    put16(out + 4, ident);
    put16(out + 6, 0x4000);   // DF: the stack never fragments
    out[8] = h.ttl;
    out[9] = h.proto;
    put16(out + 10, 0);
    __builtin_memcpy(out + 12, h.src.b + 12, 4);
    __builtin_memcpy(out + 16, h.dst.b + 12, 4);
    put16(out + 10, csum_fold(csum_add(0, out, kIpv4HeaderLen)));
    return kIpv4HeaderLen;
}

usize ip_parse(const u8* p, usize len, IpHeader& h) {
    if (len < 1) return 0;
    u8 version = p[0] >> 4;
    if (version == 6) {
        if (len < kIpv6HeaderLen) return 0;
        h.v6 = true;
        h.payload_len = get16(p + 4);
        if (kIpv6HeaderLen + h.payload_len > len) return 0;
        h.proto = p[6];
        h.ttl = p[7];
        __builtin_memcpy(h.src.b, p + 8, 16);
        __builtin_memcpy(h.dst.b, p + 24, 16);
        h.header_len = kIpv6HeaderLen;
        return kIpv6HeaderLen;
    }
    if (version != 4 || len < kIpv4HeaderLen) return 0;
    usize ihl = usize(p[0] & 0xf) * 4;
    usize total = get16(p + 2);
    if (ihl < kIpv4HeaderLen || total < ihl || total > len) return 0;
    if (csum_fold(csum_add(0, p, ihl)) != 0) return 0;
    if (get16(p + 6) & 0x3fff) return 0;   // fragments: never sent by this stack
    h.v6 = false;
    h.ttl = p[8];
    h.proto = p[9];
    h.payload_len = static_cast<u32>(total - ihl);
    h.src = Addr::from_v4(get32(p + 12));
    h.dst = Addr::from_v4(get32(p + 16));
    h.header_len = static_cast<u32>(ihl);
    return ihl;
}

void udp_finish(u8* p, usize len, u16 sport, u16 dport, const Addr& src, const Addr& dst) {
    put16(p, sport);
    put16(p + 2, dport);
    put16(p + 4, static_cast<u16>(len));
    put16(p + 6, 0);
    u16 c = csum_fold(csum_add(pseudo_sum(src, dst, kProtoUdp, static_cast<u32>(len)), p, len));
    put16(p + 6, c ? c : 0xffff);   // RFC 768: a computed zero is sent as all ones
}

bool udp_parse(const u8* p, usize len, const Addr& src, const Addr& dst, u16& sport, u16& dport) {
    if (len < kUdpHeaderLen || get16(p + 4) != len) return false;
    bool v4 = src.is_v4();
    if ((get16(p + 6) || !v4) && !checksum_ok(p, len, src, dst, kProtoUdp)) return false;
    sport = get16(p);
    dport = get16(p + 2);
    return true;
}

usize tcp_header_len(const TcpHeader& h) {
    usize n = kTcpHeaderLen;
    if (h.mss) n += 4;
    if (h.wscale >= 0) n += 4;   // NOP + window scale
    return n;
}

void tcp_finish(const TcpHeader& h, u8* out, usize payload_len, const Addr& src, const Addr& dst) {
    usize hl = tcp_header_len(h);
    put16(out, h.sport);
    put16(out + 2, h.dport);
    put32(out + 4, h.seq);
    put32(out + 8, h.ack);
    out[12] = static_cast<u8>((hl / 4) << 4);
    out[13] = h.flags;
    put16(out + 14, h.wnd);
    put16(out + 16, 0);
    put16(out + 18, 0);
    u8* o = out + kTcpHeaderLen;
    if (h.mss) {
        o[0] = 2;
        o[1] = 4;
        put16(o + 2, h.mss);
        o += 4;
    }
    if (h.wscale >= 0) {
        o[0] = 1;
        o[1] = 3;
        o[2] = 3;
        o[3] = static_cast<u8>(h.wscale);
    }
    usize total = hl + payload_len;
    u16 c = csum_fold(csum_add(pseudo_sum(src, dst, kProtoTcp, static_cast<u32>(total)), out, total));
    put16(out + 16, c);
}

bool tcp_parse(const u8* p, usize len, const Addr& src, const Addr& dst, TcpHeader& h, usize& payload_off) {
    if (len < kTcpHeaderLen) return false;
    usize hl = usize(p[12] >> 4) * 4;
    if (hl < kTcpHeaderLen || hl > len) return false;
    if (!checksum_ok(p, len, src, dst, kProtoTcp)) return false;
    h = TcpHeader{};
    h.sport = get16(p);
    h.dport = get16(p + 2);
    h.seq = get32(p + 4);
    h.ack = get32(p + 8);
    h.flags = p[13];
    h.wnd = get16(p + 14);
    for (usize i = kTcpHeaderLen; i < hl;) {
        u8 kind = p[i];
        if (kind == 0) break;
        if (kind == 1) {
            i++;
            continue;
        }
        if (i + 1 >= hl || p[i + 1] < 2 || i + p[i + 1] > hl) return false;
        u8 olen = p[i + 1];
        if (kind == 2 && olen == 4) h.mss = get16(p + i + 2);
        if (kind == 3 && olen == 3) h.wscale = static_cast<i8>(p[i + 2] > 14 ? 14 : p[i + 2]);
        i += olen;
    }
    payload_off = hl;
    return true;
}

}  // namespace wire
