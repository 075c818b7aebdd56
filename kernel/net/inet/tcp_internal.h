// SPDX-License-Identifier: MIT
// What the TCP files (tcp_conn.cpp, tcp_input.cpp, tcp_data.cpp) share. Under inet_lock().
#pragma once

#include "net/inet/inet_socket.h"

constexpr u32 kTcpRxRing = 128 * 1024;   // receive queue bytes (the window offered; linux: tcp_rmem[1])
constexpr u32 kTcpTxRing = 128 * 1024;   // send queue bytes

// Sends a segment of s: header h (ports are filled in) and len payload bytes from s's send queue
// starting ring_off bytes after its front.
void tcp_xmit(InetSocket& s, wire::TcpHeader h, u32 ring_off, u32 len);
// Sends a bare ACK.
void tcp_send_ack(InetSocket& s);
// Allocates the two byte queues of a connection; frees them once nobody can read or send.
Result<void> tcp_alloc_queues(InetSocket& s);
void tcp_free_queues(InetSocket& s);
// The receive window to offer.
u32 tcp_rcv_space(const InetSocket& s);
// The connection has reached CLOSED: it leaves the table (the last reference may go with it).
void tcp_closed(InetSocket& s);
