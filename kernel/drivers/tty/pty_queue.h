// SPDX-License-Identifier: MIT
// What a pty master reads: the bytes the slave's output processing produced, in a fixed ring,
// plus packet mode (TIOCPKT), where every read starts with a header byte: TIOCPKT_DATA (0)
// before data, or alone, a status byte (TIOCPKT_FLUSHREAD...) that takes priority over data.
// Pure logic (no locks), host-tested; the pty driver (pty.cpp) locks it.
// linux: drivers/tty/pty.c, n_tty.c (packet mode in n_tty_read).
#pragma once

#include "lib/types.h"

namespace tty {

class PtyQueue {
public:
    // buf: capacity bytes owned by the caller (a power of two).
    PtyQueue(u8* buf, usize capacity) : m_buf(buf), m_cap(capacity) {}
    PtyQueue(const PtyQueue&) = delete;
    PtyQueue& operator=(const PtyQueue&) = delete;

    usize size() const { return m_head - m_tail; }
    usize room() const { return m_cap - size(); }
    // Stores as much of data as fits; returns how much.
    usize push(const u8* data, usize n);
    void flush() { m_tail = m_head; }

    bool packet() const { return m_packet; }
    // TIOCPKT: turning it on clears any old status (linux: pty_set_pktmode).
    void set_packet(bool on);
    // Status bits for the next packet-mode read (ignored outside packet mode).
    void add_status(u8 bits);
    u8 status() const { return m_status; }

    // A read would return something now.
    bool readable() const { return size() || (m_packet && m_status); }
    // Copies at most n bytes as read(2) returns them (with the packet header); 0 when nothing is
    // readable or n is 0.
    usize read(u8* dst, usize n);
    // Everything: the slot is reused by a new pair.
    void reset();

private:
    u8* m_buf;
    usize m_cap;
    usize m_head = 0, m_tail = 0;   // free-running
    bool m_packet = false;
    u8 m_status = 0;
};

}  // namespace tty
