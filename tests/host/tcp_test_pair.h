// SPDX-License-Identifier: MIT
// Two TCP control blocks wired back to back for the host tests (tcp_cb_test, tcp_rtx_test): each
// side's send/receive bookkeeping, delivery of one segment, pumping until quiet, the handshake.
#pragma once

#include <gtest/gtest.h>

#include "net/inet/tcp_cb.h"

using wire::TcpHeader;

namespace tcp_test {

constexpr u16 kMss = 1000;

// One side: its control block, bytes queued to send, bytes received, its free receive space.
struct End {
    TcpCb cb;
    u32 unsent = 0;
    u32 received = 0;
    u32 space = 4000;
    TcpInput last;
};

// Delivers seg (with len payload bytes) to e and returns the outcome.
inline TcpInput deliver(End& e, const TcpHeader& seg, u32 len) {
    TcpInput r = tcp_input(e.cb, seg, len, e.space);
    e.received += r.data_len;
    e.space -= r.data_len;
    e.last = r;
    return r;
}

// Sends everything `from` may send now to `to`, answering with ACKs, until both are quiet.
inline void pump(End& a, End& b) {
    for (int round = 0; round < 100; round++) {
        bool moved = false;
        End* sides[2][2] = {{&a, &b}, {&b, &a}};
        for (auto& s : sides) {
            End& from = *s[0];
            End& to = *s[1];
            TcpHeader seg;
            u32 len;
            while (tcp_next_segment(from.cb, from.unsent - from.cb.data_in_flight(), from.space, seg, len)) {
                moved = true;
                TcpInput r = deliver(to, seg, len);
                if (r.send_ack) {
                    TcpInput back = tcp_input(from.cb, tcp_ack(to.cb, to.space), 0, from.space);
                    from.unsent -= back.acked;
                }
            }
        }
        if (!moved) return;
    }
}

// A connected pair: the client's SYN, the server's SYN-ACK, the client's ACK.
inline void connect(End& c, End& s) {
    TcpHeader syn = tcp_open_active(c.cb, 1000, c.space, kMss);
    EXPECT_EQ(c.cb.state, TcpState::SynSent);
    EXPECT_TRUE(syn.flags & wire::kSyn);
    EXPECT_EQ(syn.mss, kMss);
    TcpHeader synack = tcp_open_passive(s.cb, syn, 5000, s.space, kMss);
    EXPECT_EQ(s.cb.state, TcpState::SynRcvd);
    EXPECT_EQ(synack.ack, 1001u);
    TcpInput r = deliver(c, synack, 0);
    EXPECT_TRUE(r.established);
    EXPECT_TRUE(r.send_ack);
    EXPECT_EQ(c.cb.state, TcpState::Established);
    r = deliver(s, tcp_ack(c.cb, c.space), 0);
    EXPECT_TRUE(r.established);
    EXPECT_EQ(s.cb.state, TcpState::Established);
}

}  // namespace tcp_test
