// SPDX-License-Identifier: MIT
// The TCP state machine driven by hand-made segments: a client and a server control block
// exchange what tcp_next_segment/tcp_ack produce through a tiny loopback, covering the handshake,
// data and windows, both close orders, TIME-WAIT, resets and out-of-window segments.
#include <gtest/gtest.h>

#include <errno.h>

#include "net/inet/tcp_cb.h"
#include "tcp_test_pair.h"

using wire::TcpHeader;

using namespace tcp_test;

TEST(TcpCb, HandshakeNegotiatesMssAndWindowScale) {
    End c, s;
    connect(c, s);
    EXPECT_EQ(c.cb.mss, kMss);
    EXPECT_TRUE(c.cb.wscale_ok);
    EXPECT_EQ(c.cb.snd_shift, kTcpWscale);
    EXPECT_EQ(c.cb.snd_una, 1001u);
    EXPECT_EQ(s.cb.rcv_nxt, 1001u);
    EXPECT_EQ(s.cb.snd_una, 5001u);
}

TEST(TcpCb, DataIsSegmentedByMssAndWindow) {
    End c, s;
    c.space = 100000;
    s.space = 2500;   // the server's window limits the client
    connect(c, s);
    c.unsent = 10000;
    TcpHeader seg;
    u32 len;
    u32 sent = 0;
    while (tcp_next_segment(c.cb, c.unsent - c.cb.data_in_flight(), c.space, seg, len)) {
        EXPECT_LE(len, kMss);
        sent += len;
        deliver(s, seg, len);
    }
    // No ACK went back yet: the window the SYN-ACK offered bounds what was sent.
    EXPECT_LE(sent, 2500u);
    EXPECT_EQ(s.received, sent);
    EXPECT_EQ(s.space, 2500u - sent);
    // The server read everything: a window update opens the way for the rest.
    s.space = 4000;
    EXPECT_TRUE(tcp_window_update_due(s.cb, s.space, 4000));
    TcpInput r = tcp_input(c.cb, tcp_ack(s.cb, s.space), 0, c.space);
    EXPECT_EQ(r.acked, sent);
    EXPECT_TRUE(r.window_opened);
    c.unsent -= sent;
    s.received = 0;
    s.space = 1u << 20;
    pump(c, s);
    EXPECT_EQ(s.received, 10000u - sent);
    EXPECT_EQ(c.unsent, 0u);
}

TEST(TcpCb, ActiveCloseGoesThroughTimeWait) {
    End c, s;
    connect(c, s);
    c.cb.fin_wanted = true;
    pump(c, s);
    EXPECT_EQ(c.cb.state, TcpState::FinWait2);
    EXPECT_EQ(s.cb.state, TcpState::CloseWait);
    EXPECT_TRUE(s.last.peer_fin || s.cb.peer_fin);
    s.cb.fin_wanted = true;
    TcpHeader fin;
    u32 len;
    ASSERT_TRUE(tcp_next_segment(s.cb, 0, s.space, fin, len));
    EXPECT_TRUE(fin.flags & wire::kFin);
    EXPECT_EQ(s.cb.state, TcpState::LastAck);
    TcpInput r = deliver(c, fin, 0);
    EXPECT_TRUE(r.time_wait);
    EXPECT_EQ(c.cb.state, TcpState::TimeWait);
    r = deliver(s, tcp_ack(c.cb, c.space), 0);
    EXPECT_TRUE(r.closed);
    EXPECT_EQ(s.cb.state, TcpState::Closed);
    // A retransmitted FIN in TIME-WAIT is acknowledged again.
    r = tcp_input(c.cb, fin, 0, c.space);
    EXPECT_TRUE(r.send_ack);
}

TEST(TcpCb, SimultaneousCloseGoesThroughClosing) {
    End c, s;
    connect(c, s);
    c.cb.fin_wanted = s.cb.fin_wanted = true;
    TcpHeader fc, fs;
    u32 len;
    ASSERT_TRUE(tcp_next_segment(c.cb, 0, c.space, fc, len));
    ASSERT_TRUE(tcp_next_segment(s.cb, 0, s.space, fs, len));
    deliver(c, fs, 0);
    EXPECT_EQ(c.cb.state, TcpState::Closing);
    deliver(s, fc, 0);
    EXPECT_EQ(s.cb.state, TcpState::Closing);
    deliver(c, tcp_ack(s.cb, s.space), 0);
    EXPECT_EQ(c.cb.state, TcpState::TimeWait);
}

TEST(TcpCb, ResetsRefuseAndAbort) {
    // A SYN to a closed port is answered with RST|ACK acknowledging it; the client is refused.
    End c;
    TcpHeader syn = tcp_open_active(c.cb, 77, c.space, kMss);
    syn.sport = 1234;
    syn.dport = 80;
    TcpHeader rst;
    ASSERT_TRUE(tcp_reset_for(syn, 0, rst));
    EXPECT_EQ(rst.flags, wire::kRst | wire::kAck);
    EXPECT_EQ(rst.ack, 78u);
    EXPECT_EQ(rst.sport, 80);
    TcpInput r = tcp_input(c.cb, rst, 0, c.space);
    EXPECT_EQ(r.reset_errno, ECONNREFUSED);
    EXPECT_EQ(c.cb.state, TcpState::Closed);
    EXPECT_FALSE(tcp_reset_for(rst, 0, rst));   // never a reset for a reset

    // An established connection reset by its peer.
    End a, b;
    connect(a, b);
    r = deliver(b, tcp_abort(a.cb), 0);
    EXPECT_EQ(r.reset_errno, ECONNRESET);
    EXPECT_TRUE(r.closed);
    // In CLOSE-WAIT the owner learns it as EPIPE (linux: tcp_reset()).
    End d, e;
    connect(d, e);
    d.cb.fin_wanted = true;
    pump(d, e);
    ASSERT_EQ(e.cb.state, TcpState::CloseWait);
    r = deliver(e, tcp_abort(d.cb), 0);
    EXPECT_EQ(r.reset_errno, EPIPE);
}

TEST(TcpCb, OutOfOrderAndStaleSegmentsAreOnlyAcknowledged) {
    End c, s;
    connect(c, s);
    TcpHeader seg = tcp_ack(c.cb, c.space);
    seg.seq += 10;   // a gap: not the next byte
    seg.flags |= wire::kPsh;
    TcpInput r = deliver(s, seg, 5);
    EXPECT_TRUE(r.send_ack);
    EXPECT_EQ(r.data_len, 0u);
    // A duplicate of data already received: nothing new, an ACK.
    c.unsent = 5;
    TcpHeader d;
    u32 len;
    ASSERT_TRUE(tcp_next_segment(c.cb, 5, c.space, d, len));
    r = deliver(s, d, len);
    EXPECT_EQ(r.data_len, 5u);
    r = deliver(s, d, len);
    EXPECT_EQ(r.data_len, 0u);
    EXPECT_TRUE(r.send_ack);
    // An ACK for data never sent is answered, not believed.
    TcpHeader bogus = tcp_ack(s.cb, s.space);
    bogus.ack += 1000;
    r = tcp_input(c.cb, bogus, 0, c.space);
    EXPECT_TRUE(r.send_ack);
    EXPECT_EQ(r.acked, 0u);
    // A SYN on an established connection gets a challenge ACK.
    TcpHeader syn = tcp_ack(c.cb, c.space);
    syn.flags = wire::kSyn;
    r = tcp_input(s.cb, syn, 0, s.space);
    EXPECT_TRUE(r.send_ack);
    EXPECT_EQ(s.cb.state, TcpState::Established);
}

TEST(TcpCb, ReceiveWindowLimitsAcceptedData) {
    End c, s;
    s.space = 300;
    connect(c, s);
    c.cb.snd_wnd = 5000;   // pretend the peer offered more than it has
    TcpHeader d;
    u32 len;
    ASSERT_TRUE(tcp_next_segment(c.cb, 800, c.space, d, len));
    EXPECT_EQ(len, 800u);
    TcpInput r = deliver(s, d, len);
    EXPECT_EQ(r.data_len, 300u);   // the rest comes again when there is room
    EXPECT_EQ(s.cb.rcv_nxt, d.seq + 300);
}

TEST(TcpCb, SequenceComparisonsWrap) {
    EXPECT_TRUE(seq_lt(0xfffffff0u, 0x10u));
    EXPECT_FALSE(seq_lt(0x10u, 0xfffffff0u));
    EXPECT_TRUE(seq_le(5u, 5u));
    End c, s;
    TcpHeader syn = tcp_open_active(c.cb, 0xffffff00u, c.space, kMss);
    TcpHeader synack = tcp_open_passive(s.cb, syn, 0xfffffff0u, s.space, kMss);
    deliver(c, synack, 0);
    deliver(s, tcp_ack(c.cb, c.space), 0);
    c.unsent = 3000;
    s.space = 1u << 20;
    pump(c, s);
    EXPECT_EQ(s.received, 3000u);
    EXPECT_TRUE(seq_lt(0xffffff00u, c.cb.snd_nxt));
}

TEST(TcpCb, SimultaneousOpenAndSelfConnect) {
    // A socket connecting to itself: its SYN comes back to it.
    End e;
    TcpHeader syn = tcp_open_active(e.cb, 4242, e.space, kMss);
    TcpInput r = deliver(e, syn, 0);
    EXPECT_TRUE(r.send_synack);
    EXPECT_EQ(e.cb.state, TcpState::SynRcvd);
    TcpHeader synack = tcp_synack(e.cb, e.space, kMss);
    EXPECT_EQ(synack.flags, wire::kSyn | wire::kAck);
    EXPECT_EQ(synack.seq, 4242u);
    EXPECT_EQ(synack.ack, 4243u);
    r = deliver(e, synack, 0);
    EXPECT_TRUE(r.established);
    EXPECT_EQ(e.cb.state, TcpState::Established);
    EXPECT_EQ(e.cb.snd_wnd, u32(synack.wnd));   // unscaled, as every SYN's window
    // Data to itself.
    TcpHeader d;
    u32 len;
    ASSERT_TRUE(tcp_next_segment(e.cb, 10, e.space, d, len));
    r = deliver(e, d, len);
    EXPECT_EQ(r.data_len, 10u);
}
