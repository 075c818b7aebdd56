// SPDX-License-Identifier: MIT
// What the TCP files (tcp_conn.cpp, tcp_input.cpp, tcp_data.cpp) share. Under inet_lock().
#pragma once

#include "net/inet/inet_socket.h"

// The byte queues start small and double while they fill, up to Linux's autotuning limits
// (net.ipv4.tcp_rmem[2] and tcp_wmem[2]): a program that writes megabytes before it reads its
// echo works as on Linux, and an idle connection costs little.
constexpr u32 kTcpRingStart = 64 * 1024;
constexpr u32 kTcpRxMax = 4 * 1024 * 1024;   // linux: 6 MiB; a power of two suits the page allocator
constexpr u32 kTcpTxMax = 4 * 1024 * 1024;

// Sends a segment of s: header h (ports are filled in) and len payload bytes from s's send queue
// starting ring_off bytes after its front.
void tcp_xmit(InetSocket& s, wire::TcpHeader h, u32 ring_off, u32 len);
// Sends a bare ACK.
void tcp_send_ack(InetSocket& s);
// Allocates the two byte queues of a connection; frees them once nobody can read or send.
Result<void> tcp_alloc_queues(InetSocket& s);
void tcp_free_queues(InetSocket& s);
// Forgets the segments kept beyond a hole (tcp_input.cpp).
void tcp_drop_out_of_order(InetSocket& s);
// Doubles a queue (up to max) when it is more than half full; false when it cannot grow.
bool tcp_grow_ring(ByteRing& r, u32 max);
// The receive window to offer.
u32 tcp_rcv_space(const InetSocket& s);
// The connection has reached CLOSED: it leaves the table (the last reference may go with it).
void tcp_closed(InetSocket& s);

// The retransmission timer (tcp_timer.cpp).
// Whether s's peer is reached over a device that can lose segments (not loopback).
bool tcp_needs_rtx(const InetSocket& s);
// Something was sent: arms the timer if it is not running, starts a round-trip measurement.
void tcp_timer_sent(InetSocket& s, u32 snd_max_before);
// An ACK arrived that acknowledged acked bytes (or completed the handshake): measures, restarts.
void tcp_timer_acked(InetSocket& s, bool progress);
// Runs the timers that expired (the network thread).
void tcp_timers(u64 now_ns);
