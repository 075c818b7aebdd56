// SPDX-License-Identifier: MIT
// The inet stack's core (linux: net/ipv4, net/ipv6): the one lock every socket, queue and device
// is guarded by, the deferred processing of looped-back packets and the wake-ups they cause, and
// the IP layer's entry points.
//
// Locking: inet_lock() (rank Inet) guards all inet state. It is taken through InetLocked, whose
// destructor first delivers every packet the locked section queued on the loopback device (each
// may queue more: replies are delivered in the same loop, never by recursion), then drops the
// lock and only then wakes the sockets the delivery made ready, so no wait queue is woken and no
// user memory is touched under the lock.
#pragma once

#include "net/inet/packet.h"
#include "net/inet/wire.h"
#include "lib/result.h"
#include "sync/spinlock.h"

class InetSocket;
class WaitQueue;

Spinlock& inet_lock();

class InetLocked {
public:
    InetLocked();
    ~InetLocked();
    ARAMID_NOCOPY(InetLocked);

private:
    // The guard lives here so the destructor can drop it between delivery and wake-ups.
    alignas(SpinlockGuard) u8 m_guard[sizeof(SpinlockGuard)];
};

// Queues a wake-up of s for when the lock is dropped. Under inet_lock().
void inet_wake_later(InetSocket& s);

// The loopback device's receive side: p is delivered when the locked section ends.
void loopback_queue(Packet* p);

// Where a datagram to dst leaves from: the source address to use. ENETUNREACH (IPv4) or
// EADDRNOTAVAIL/ENETUNREACH (IPv6) when there is no route: only the loopback device exists.
Result<wire::Addr> ip_route(const wire::Addr& dst);
// Whether a is an address of this host (bind: EADDRNOTAVAIL otherwise).
bool ip_is_local(const wire::Addr& a, bool v6);
// Sends the transport payload in p (IP header still to come). Frees p. Under inet_lock().
Result<void> ip_output(Packet* p, const wire::Addr& src, const wire::Addr& dst, u8 proto, u8 ttl);
// Delivers a received IP datagram (loopback). Frees p. Under inet_lock().
void ip_input(Packet* p);

// Transport input (udp.cpp, tcp_input.cpp); icmp.cpp answers what nobody takes.
void udp_input(Packet* p, const wire::IpHeader& ip);
void tcp_input(Packet* p, const wire::IpHeader& ip);
void icmp_input(Packet* p, const wire::IpHeader& ip);
// An ICMP destination/port unreachable about the datagram whose IP header starts at orig.
void icmp_port_unreachable(const wire::IpHeader& ip, const u8* orig, u32 orig_len);
