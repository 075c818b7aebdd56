// SPDX-License-Identifier: MIT
// Link-layer wire formats: the Ethernet II header (IEEE 802.3) and ARP for IPv4 over Ethernet
// (RFC 826). Pure code: it also builds for the host unit tests, which feed it garbage.
#pragma once

#include "lib/types.h"

namespace wire {

constexpr usize kEtherHeaderLen = 14;
constexpr usize kEtherMinFrame = 60;   // without the FCS: shorter frames are padded
constexpr u16 kEtherTypeIpv4 = 0x0800;
constexpr u16 kEtherTypeArp = 0x0806;
constexpr u16 kEtherTypeIpv6 = 0x86dd;
constexpr usize kArpLen = 28;
constexpr u16 kArpRequest = 1, kArpReply = 2;

struct EtherHeader {
    u8 dst[6], src[6];
    u16 type;
};
// False when len is shorter than a header.
bool ether_parse(const u8* p, usize len, EtherHeader& h);
void ether_build(const EtherHeader& h, u8* out);
inline bool ether_is_broadcast(const u8* mac) {
    for (int i = 0; i < 6; i++)
        if (mac[i] != 0xff) return false;
    return true;
}
inline bool ether_is_multicast(const u8* mac) { return mac[0] & 1; }

struct ArpPacket {
    u16 op = 0;
    u8 sha[6] = {};
    u32 spa = 0;   // host order
    u8 tha[6] = {};
    u32 tpa = 0;
};
// Ethernet/IPv4 ARP only (hardware type 1, protocol 0x0800, lengths 6 and 4); false otherwise.
bool arp_parse(const u8* p, usize len, ArpPacket& a);
void arp_build(const ArpPacket& a, u8* out);   // kArpLen bytes

}  // namespace wire
