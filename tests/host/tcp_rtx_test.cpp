// SPDX-License-Identifier: MIT
// TCP retransmission: lost data, lost ACKs, a lost FIN and lost SYNs are recovered by going back
// to the oldest unacknowledged byte (tcp_rewind, tcp_syn_again); an ACK of a first transmission
// that arrives after the rewind still counts; and the RFC 6298 timeout estimator with backoff.
#include <gtest/gtest.h>

#include <vector>

#include "net/inet/tcp_cb.h"
#include "tcp_test_pair.h"

using namespace tcp_test;

namespace {

struct Seg {
    TcpHeader h;
    u32 len;
};

// Everything `from` may send now, without delivering it.
std::vector<Seg> drain(End& from) {
    std::vector<Seg> out;
    TcpHeader h;
    u32 len;
    while (tcp_next_segment(from.cb, from.unsent - from.cb.data_in_flight(), from.space, h, len)) out.push_back({h, len});
    return out;
}

// Delivers seg to `to` and its ACK (if any) back to `from`.
void exchange(End& from, End& to, const Seg& s) {
    TcpInput r = deliver(to, s.h, s.len);
    if (r.send_ack) {
        TcpInput back = tcp_input(from.cb, tcp_ack(to.cb, to.space), 0, from.space);
        from.unsent -= back.acked;
    }
}

}  // namespace

TEST(TcpRtx, LostSegmentIsSentAgainAfterRewind) {
    End c, s;
    s.space = 100000;
    connect(c, s);
    c.unsent = 3000;
    std::vector<Seg> segs = drain(c);
    ASSERT_EQ(segs.size(), 3u);
    exchange(c, s, segs[0]);
    exchange(c, s, segs[2]);   // segs[1] is lost: the third is out of order, dropped, acknowledged again
    EXPECT_EQ(s.received, 1000u);
    EXPECT_EQ(c.cb.snd_una, 2001u);
    EXPECT_TRUE(c.cb.unacked());
    EXPECT_TRUE(drain(c).empty());   // nothing new to send until the timer fires
    tcp_rewind(c.cb);
    std::vector<Seg> again = drain(c);
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].h.seq, 2001u);
    EXPECT_EQ(again[0].len, 1000u);
    for (const Seg& sg : again) exchange(c, s, sg);
    EXPECT_EQ(s.received, 3000u);
    EXPECT_EQ(c.unsent, 0u);
    EXPECT_FALSE(c.cb.unacked());
}

TEST(TcpRtx, LateAckOfFirstTransmissionCountsAfterRewind) {
    End c, s;
    s.space = 100000;
    connect(c, s);
    c.unsent = 2000;
    std::vector<Seg> segs = drain(c);
    ASSERT_EQ(segs.size(), 2u);
    for (const Seg& sg : segs) deliver(s, sg.h, sg.len);   // both arrive; the ACKs are delayed
    EXPECT_EQ(s.received, 2000u);
    tcp_rewind(c.cb);
    EXPECT_EQ(c.cb.snd_nxt, c.cb.snd_una);
    TcpInput r = tcp_input(c.cb, tcp_ack(s.cb, s.space), 0, c.space);
    EXPECT_EQ(r.acked, 2000u);
    EXPECT_FALSE(r.send_ack);   // not "an ACK of something never sent"
    EXPECT_EQ(c.cb.snd_nxt, c.cb.snd_max);
    c.unsent -= r.acked;
    EXPECT_TRUE(drain(c).empty());
    // A duplicate of what was received is only acknowledged.
    r = deliver(s, segs[0].h, segs[0].len);
    EXPECT_EQ(r.data_len, 0u);
    EXPECT_TRUE(r.send_ack);
}

TEST(TcpRtx, LostFinIsSentAgainWithTheSameSequenceNumber) {
    End c, s;
    connect(c, s);
    c.unsent = 500;
    c.cb.fin_wanted = true;
    std::vector<Seg> segs = drain(c);
    ASSERT_EQ(segs.size(), 1u);   // the data and the FIN in one segment
    EXPECT_TRUE(segs[0].h.flags & wire::kFin);
    EXPECT_EQ(c.cb.state, TcpState::FinWait1);
    u32 fin_seq = c.cb.fin_seq;
    // Lost. The timer goes back: data and FIN again, the state stays.
    tcp_rewind(c.cb);
    EXPECT_EQ(c.cb.data_in_flight(), 0u);
    std::vector<Seg> again = drain(c);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_TRUE(again[0].h.flags & wire::kFin);
    EXPECT_EQ(again[0].len, 500u);
    EXPECT_EQ(c.cb.fin_seq, fin_seq);
    EXPECT_EQ(c.cb.state, TcpState::FinWait1);
    exchange(c, s, again[0]);
    EXPECT_EQ(s.cb.state, TcpState::CloseWait);
    EXPECT_TRUE(c.cb.fin_acked);
    EXPECT_EQ(c.cb.state, TcpState::FinWait2);
    EXPECT_FALSE(c.cb.unacked());
}

TEST(TcpRtx, BareFinIsSentAgainAfterItsDataWasAcknowledged) {
    End c, s;
    connect(c, s);
    c.unsent = 100;
    pump(c, s);
    c.cb.fin_wanted = true;
    std::vector<Seg> fin = drain(c);
    ASSERT_EQ(fin.size(), 1u);
    EXPECT_EQ(fin[0].len, 0u);
    tcp_rewind(c.cb);
    std::vector<Seg> again = drain(c);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].h.seq, fin[0].h.seq);
    EXPECT_TRUE(again[0].h.flags & wire::kFin);
    EXPECT_TRUE(drain(c).empty());
}

TEST(TcpRtx, SynAndSynAckAreSentAgain) {
    End c, s;
    TcpHeader syn = tcp_open_active(c.cb, 7000, c.space, kMss);
    TcpHeader again;
    ASSERT_TRUE(tcp_syn_again(c.cb, c.space, kMss, again));
    EXPECT_EQ(again.seq, syn.seq);
    EXPECT_EQ(again.flags, wire::kSyn);
    EXPECT_EQ(again.mss, kMss);
    EXPECT_EQ(again.wscale, static_cast<i8>(kTcpWscale));
    TcpHeader synack = tcp_open_passive(s.cb, again, 9000, s.space, kMss);
    TcpHeader synack2;
    ASSERT_TRUE(tcp_syn_again(s.cb, s.space, kMss, synack2));
    EXPECT_EQ(synack2.seq, synack.seq);
    EXPECT_EQ(synack2.ack, 7001u);
    EXPECT_EQ(synack2.flags, wire::kSyn | wire::kAck);
    // The client's SYN repeated to a server in SYN-RECEIVED is acknowledged, not a new connection.
    TcpInput r = tcp_input(s.cb, syn, 0, s.space);
    EXPECT_TRUE(r.send_ack);
    EXPECT_EQ(s.cb.state, TcpState::SynRcvd);
    deliver(c, synack2, 0);
    EXPECT_EQ(c.cb.state, TcpState::Established);
    TcpHeader none;
    EXPECT_FALSE(tcp_syn_again(c.cb, c.space, kMss, none));
}

TEST(TcpRtx, TimeoutFollowsRfc6298WithBackoff) {
    TcpRto r;
    EXPECT_EQ(tcp_rto_current(r), kTcpRtoInitNs);
    tcp_rtt_sample(r, 100'000'000);   // 100 ms: srtt 100, rttvar 50, rto 300 ms
    EXPECT_EQ(r.srtt_ns, 100'000'000u);
    EXPECT_EQ(r.rttvar_ns, 50'000'000u);
    EXPECT_EQ(tcp_rto_current(r), 300'000'000u);
    tcp_rto_backoff(r);
    EXPECT_EQ(tcp_rto_current(r), 600'000'000u);
    tcp_rto_backoff(r);
    EXPECT_EQ(tcp_rto_current(r), 1'200'000'000u);
    for (int i = 0; i < 70; i++) tcp_rto_backoff(r);
    EXPECT_EQ(tcp_rto_current(r), kTcpRtoMaxNs);
    TcpRto fast;
    for (int i = 0; i < 20; i++) tcp_rtt_sample(fast, 1'000'000);   // 1 ms round trips: the floor holds
    EXPECT_EQ(tcp_rto_current(fast), kTcpRtoMinNs);
    TcpRto slow;
    tcp_rtt_sample(slow, 100'000'000'000);
    EXPECT_EQ(tcp_rto_current(slow), kTcpRtoMaxNs);
}

TEST(TcpRtx, FastRetransmitResendsOnlyTheFirstSegment) {
    End c, s;
    s.space = 100000;
    connect(c, s);
    c.unsent = 4000;
    std::vector<Seg> segs = drain(c);
    ASSERT_EQ(segs.size(), 4u);
    u32 nxt = c.cb.snd_nxt;
    // The first is lost; each later one brings a duplicate ACK and is kept out of order.
    for (usize i = 1; i < segs.size(); i++) {
        TcpInput r = deliver(s, segs[i].h, segs[i].len);
        EXPECT_TRUE(r.out_of_order);
        EXPECT_TRUE(r.send_ack);
        EXPECT_EQ(r.data_len, 0u);
    }
    TcpHeader seg;
    u32 len;
    ASSERT_TRUE(tcp_resend_first(c.cb, c.space, seg, len));
    EXPECT_EQ(seg.seq, 1001u);
    EXPECT_EQ(len, kMss);
    EXPECT_EQ(c.cb.snd_nxt, nxt);   // the rest stays in flight
    TcpInput r = deliver(s, seg, len);
    EXPECT_EQ(r.data_len, kMss);
    EXPECT_FALSE(r.out_of_order);
    // Nothing is outstanding: nothing to resend.
    End idle, peer;
    connect(idle, peer);
    EXPECT_FALSE(tcp_resend_first(idle.cb, idle.space, seg, len));
}

TEST(TcpRtx, OnlyDataInsideTheWindowIsKeptOutOfOrder) {
    End c, s;
    s.space = 2500;
    connect(c, s);
    TcpHeader h = tcp_ack(c.cb, c.space);
    h.seq = s.cb.rcv_nxt + 1000;
    EXPECT_TRUE(deliver(s, h, 1000).out_of_order);    // bytes 1000..2000 of a 2500-byte window
    h.seq = s.cb.rcv_nxt + 2000;
    EXPECT_FALSE(deliver(s, h, 1000).out_of_order);   // would end past the window
    h.seq = s.cb.rcv_nxt + 1000;
    h.flags |= wire::kRst;
    EXPECT_FALSE(deliver(s, h, 10).out_of_order);
    h.flags = wire::kAck;
    EXPECT_FALSE(deliver(s, h, 0).out_of_order);      // no data
}

TEST(TcpRtx, DuplicateAcksOfferTheSameWindow) {
    End c, s;
    s.space = 100000;
    connect(c, s);
    c.unsent = 3000;
    std::vector<Seg> segs = drain(c);
    ASSERT_EQ(segs.size(), 3u);
    deliver(s, segs[1].h, segs[1].len);
    TcpHeader first = tcp_ack(s.cb, s.space);
    s.space += 5000;   // the application read in between: the window may not move in a duplicate
    deliver(s, segs[2].h, segs[2].len);
    TcpHeader second = tcp_ack(s.cb, s.space);
    EXPECT_EQ(first.ack, second.ack);
    EXPECT_EQ(first.wnd, second.wnd);
    // An in-order segment lets it move again.
    deliver(s, segs[0].h, segs[0].len);
    TcpHeader third = tcp_ack(s.cb, s.space);
    EXPECT_GT(third.wnd, second.wnd);
}
