// SPDX-License-Identifier: MIT
// A packet buffer: one allocation with headroom in front of the data so each layer can prepend
// its header without copying (linux: sk_buff, much reduced).
#pragma once

#include "lib/intrusive_list.h"
#include "net/inet/wire.h"

struct Packet {
    ListNode node;
    u32 off = 0;   // the data are bytes [off, off + len) of buf()
    u32 len = 0;
    u32 cap = 0;
    // A UDP datagram waiting in a receive queue: where it came from.
    wire::Addr from;
    u16 from_port = 0;
    // A TCP segment held in a connection's out-of-order queue: its first sequence number.
    u32 tcp_seq = 0;

    u8* buf() { return reinterpret_cast<u8*>(this + 1); }
    u8* data() { return buf() + off; }
    // Makes room for n header bytes in front of the data and returns where they go.
    u8* push(u32 n) {
        off -= n;
        len += n;
        return data();
    }
    void pull(u32 n) {
        off += n;
        len -= n;
    }
};

using PacketList = IntrusiveList<Packet, &Packet::node>;

// Room for a link header and the largest IP and TCP headers in front of a payload.
constexpr u32 kLinkHeadroom = 16;   // an Ethernet header, rounded up
constexpr u32 kPacketHeadroom = kLinkHeadroom + wire::kIpv6HeaderLen + wire::kTcpMaxHeaderLen;

// A packet with len data bytes after headroom bytes, or null when memory is short.
Packet* packet_alloc(u32 headroom, u32 len);
void packet_free(Packet* p);
void packet_free_all(PacketList& list);
