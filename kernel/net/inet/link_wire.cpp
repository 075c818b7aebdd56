// SPDX-License-Identifier: MIT
// Ethernet and ARP headers (see link_wire.h).
#include "net/inet/link_wire.h"

#include "net/inet/wire.h"

namespace wire {

bool ether_parse(const u8* p, usize len, EtherHeader& h) {
    if (len < kEtherHeaderLen) return false;
    __builtin_memcpy(h.dst, p, 6);
    __builtin_memcpy(h.src, p + 6, 6);
    h.type = get16(p + 12);
    return true;
}

void ether_build(const EtherHeader& h, u8* out) {
    __builtin_memcpy(out, h.dst, 6);
    __builtin_memcpy(out + 6, h.src, 6);
    put16(out + 12, h.type);
}

bool arp_parse(const u8* p, usize len, ArpPacket& a) {
    if (len < kArpLen) return false;
    if (get16(p) != 1 || get16(p + 2) != kEtherTypeIpv4 || p[4] != 6 || p[5] != 4) return false;
    a.op = get16(p + 6);
    __builtin_memcpy(a.sha, p + 8, 6);
    a.spa = get32(p + 14);
    __builtin_memcpy(a.tha, p + 18, 6);
    a.tpa = get32(p + 24);
    return true;
}

void arp_build(const ArpPacket& a, u8* out) {
    put16(out, 1);
    put16(out + 2, kEtherTypeIpv4);
    out[4] = 6;
    out[5] = 4;
    put16(out + 6, a.op);
    __builtin_memcpy(out + 8, a.sha, 6);
    put32(out + 14, a.spa);
    __builtin_memcpy(out + 18, a.tha, 6);
    put32(out + 24, a.tpa);
}

}  // namespace wire
