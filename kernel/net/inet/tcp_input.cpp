// SPDX-License-Identifier: MIT
// Segments arriving (linux: net/ipv4/tcp_ipv4.c tcp_v4_rcv, tcp_input.c, tcp_minisocks.c): find the
// connection or listener, run the state machine (tcp_cb.cpp), act on its outcome; resets for
// segments nobody takes.
#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "net/inet/inet.h"
#include "net/inet/route.h"
#include "net/inet/tcp_internal.h"

namespace {

// linux: __inet_lookup(): the established connection first, then the best listener.
InetSocket* tcp_lookup(const wire::Addr& dst, u16 dport, const wire::Addr& src, u16 sport) {
    InetSocket* listener = nullptr;
    int best = -1;
    for (InetSocket& t : inet_table()) {
        if (!t.is_tcp() || t.m_local.port != dport) continue;
        TcpState st = t.m_cb.state;
        if (st == TcpState::Closed) continue;
        if (st == TcpState::Listen) {
            if (!inet_addr_matches(t, dst)) continue;
            int score = (t.m_local.addr.is_any() ? 0 : 2) + (t.v6() == !dst.is_v4() ? 1 : 0);
            if (score > best) {
                best = score;
                listener = &t;
            }
            continue;
        }
        if (t.m_remote.port == sport && t.m_remote.addr == src && t.m_local.addr == dst) return &t;
    }
    return listener;
}

void send_reset(const wire::IpHeader& ip, const wire::TcpHeader& in, u32 payload_len) {
    wire::TcpHeader rst;
    if (!tcp_reset_for(in, payload_len, rst)) return;
    Packet* p = packet_alloc(kPacketHeadroom, static_cast<u32>(wire::kTcpHeaderLen));
    if (!p) return;
    wire::tcp_finish(rst, p->data(), 0, ip.dst, ip.src);
    (void)ip_output(p, ip.dst, ip.src, wire::kProtoTcp, 64);
}

// A SYN for a listener: a new connection in SYN-RECEIVED, answered with SYN-ACK.
void listener_input(InetSocket& l, Packet* p, const wire::IpHeader& ip, const wire::TcpHeader& h, u32 plen) {
    if (h.flags & wire::kRst) return packet_free(p);
    if ((h.flags & wire::kAck) || !(h.flags & wire::kSyn)) {
        send_reset(ip, h, plen);
        return packet_free(p);
    }
    // linux: tcp_conn_request() drops the SYN while the accept queue is full; the client's
    // retransmission gets in once accept() made room. A loopback client never retransmits, so
    // its SYN waits and accept replays it; one from the wire is dropped as on Linux.
    if (l.m_accept_q.size() > l.m_backlog) {
        if (ip.src.is_v4() && (ip.src.v4() >> 24) != 127 && !route_is_local_v4(ip.src.v4())) return packet_free(p);
        p->push(ip.header_len);
        l.m_syn_wait.push_back(*p);
        return;
    }
    auto* c = new (std::nothrow) InetSocket(l.m_family, l.m_type);
    if (!c) return packet_free(p);
    RefPtr<InetSocket> child = RefPtr<InetSocket>::adopt(c);
    c->m_protocol = l.m_protocol;
    c->m_uid = l.m_uid;
    c->m_reuseaddr = l.m_reuseaddr;
    c->m_reuseport = l.m_reuseport;
    c->m_keepalive = l.m_keepalive;
    c->m_nodelay = l.m_nodelay;
    c->m_v6only = l.m_v6only;
    c->m_linger = l.m_linger;
    c->m_linger_secs = l.m_linger_secs;
    c->m_ttl = l.m_ttl;
    c->m_user_mss = l.m_user_mss;
    c->m_sndbuf = l.m_sndbuf;
    c->m_rcvbuf = l.m_rcvbuf;
    c->m_rcvtimeo_ns = l.m_rcvtimeo_ns;
    c->m_sndtimeo_ns = l.m_sndtimeo_ns;
    c->m_local = InetEnd{ip.dst, h.dport};
    c->m_remote = InetEnd{ip.src, h.sport};
    c->m_bind_port_lock = true;
    c->m_listener = &l;
    c->m_conn = SockConn::Connected;
    if (tcp_alloc_queues(*c).is_error()) return packet_free(p);
    inet_table_add(*c);
    wire::TcpHeader synack = tcp_open_passive(c->m_cb, h, static_cast<u32>(monotonic_ns() >> 2) ^ 0x5a5a5a5a,
                                              tcp_rcv_space(*c), tcp_our_mss(*c));
    tcp_xmit(*c, synack, 0, 0);
    c->m_rtx = tcp_needs_rtx(*c);
    tcp_timer_sent(*c, c->m_cb.iss);
    packet_free(p);
}

void act(InetSocket& s, const TcpInput& r, const u8* payload) {
    if (r.data_len) {
        s.m_rx.push(payload + r.data_off, r.data_len);
        tcp_grow_ring(s.m_rx, kTcpRxMax);   // the next ACK offers the larger window
    }
    if (r.acked) s.m_tx.drop(r.acked);
    if (r.established && s.m_listener) {
        InetSocket& l = *s.m_listener;
        s.ref();
        l.m_accept_q.push_back(s);
        inet_wake_later(l);
    }
    if (r.peer_fin) {
        s.m_done = true;
        s.m_shutdown |= kRcvShutdown;
    }
    if (r.reset_errno) {
        s.m_err = r.reset_errno;
        s.m_shutdown = kRcvShutdown | kSendShutdown;
    }
    if (r.send_synack) tcp_xmit(s, tcp_synack(s.m_cb, tcp_rcv_space(s), tcp_our_mss(s)), 0, 0);
    if (r.send_rst) {
        wire::TcpHeader rst = r.rst;
        tcp_xmit(s, rst, 0, 0);
    }
    if (r.time_wait) {
        s.m_expires_ns = monotonic_ns() + kTimeWaitNs;
        if (s.m_orphan) tcp_free_queues(s);
    }
    inet_wake_later(s);
}

// linux: the out-of-order queue (tcp_data_queue_ofo), without SACK: segments beyond a hole are
// kept (inside the window, a bounded number) and run through the state machine again, in order,
// once the hole is filled; the sender only has to resend what was really lost.
constexpr usize kOooMaxSegments = 256;

bool ooo_store(InetSocket& s, Packet* p, u32 seq) {
    if (s.m_ooo.size() >= kOooMaxSegments) return false;
    for (Packet& q : s.m_ooo)
        if (q.tcp_seq == seq) return false;
    p->tcp_seq = seq;
    s.m_ooo.push_back(*p);
    return true;
}

// A kept segment that now starts at or before rcv_nxt.
Packet* ooo_next(InetSocket& s) {
    for (Packet& q : s.m_ooo) {
        if (seq_le(q.tcp_seq, s.m_cb.rcv_nxt)) {
            s.m_ooo.remove(q);
            return &q;
        }
    }
    return nullptr;
}

// One segment through the state machine and its consequences for s.
TcpInput segment_input(InetSocket& s, const wire::TcpHeader& h, u32 plen, const u8* payload) {
    u32 una_before = s.m_cb.snd_una;
    TcpInput r = ::tcp_input(s.m_cb, h, plen, tcp_rcv_space(s));
    act(s, r, payload);
    tcp_timer_acked(s, s.m_cb.snd_una != una_before || r.established);
    return r;
}

// RFC 5681 3.2: the third ACK in a row that acknowledges nothing new, carries nothing and leaves
// the window as it was says a segment was lost while later ones arrived: resend the first.
void fast_retransmit(InetSocket& s, const wire::TcpHeader& h, u32 plen, u32 una_before, const TcpInput& r) {
    if (!s.m_rtx) return;
    bool dup = (h.flags & wire::kAck) && !(h.flags & (wire::kSyn | wire::kFin | wire::kRst)) && !plen &&
               h.ack == una_before && s.m_cb.snd_una == una_before && !r.window_opened && s.m_cb.unacked();
    if (!dup) {
        if (s.m_cb.snd_una != una_before) s.m_dupacks = 0;
        return;
    }
    if (++s.m_dupacks != 3) return;
    wire::TcpHeader seg;
    u32 len;
    if (tcp_resend_first(s.m_cb, tcp_rcv_space(s), seg, len)) {
        s.m_rto.timing = false;   // Karn
        tcp_xmit(s, seg, 0, len);
    }
}

}  // namespace

void tcp_drop_out_of_order(InetSocket& s) { packet_free_all(s.m_ooo); }

void tcp_input(Packet* p, const wire::IpHeader& ip) {
    wire::TcpHeader h;
    usize off;
    if (!wire::tcp_parse(p->data(), p->len, ip.src, ip.dst, h, off)) return packet_free(p);
    u32 plen = static_cast<u32>(p->len - off);
    InetSocket* found = tcp_lookup(ip.dst, h.dport, ip.src, h.sport);
    if (found && found->m_cb.state == TcpState::TimeWait && (h.flags & wire::kSyn) && !(h.flags & wire::kAck)) {
        // linux: tcp_timewait_state_process(): a new SYN ends TIME-WAIT and goes to the listener.
        found->m_cb.state = TcpState::Closed;
        inet_table_remove(*found);
        found = tcp_lookup(ip.dst, h.dport, ip.src, h.sport);
    }
    if (!found) {
        send_reset(ip, h, plen);
        return packet_free(p);
    }
    RefPtr<InetSocket> s(found);
    if (s->m_cb.state == TcpState::Listen) return listener_input(*s, p, ip, h, plen);
    // linux: tcp_rcv_state_process(): new data for a socket that is closed for reading resets.
    bool rcv_closed = s->m_orphan && (s->m_shutdown & kRcvShutdown);
    if (rcv_closed && plen && seq_lt(s->m_cb.rcv_nxt, h.seq + plen) &&
        (s->m_cb.state == TcpState::FinWait1 || s->m_cb.state == TcpState::FinWait2)) {
        tcp_xmit(*s, tcp_abort(s->m_cb), 0, 0);
        tcp_closed(*s);
        return packet_free(p);
    }
    bool was_synsent = s->m_cb.state == TcpState::SynSent;
    u32 una_before = s->m_cb.snd_una;
    TcpInput r = segment_input(*s, h, plen, p->data() + off);
    bool send_ack = r.send_ack;
    fast_retransmit(*s, h, plen, una_before, r);
    if (r.out_of_order && ooo_store(*s, p, h.seq)) p = nullptr;
    // The hole may be filled now: the kept segments that follow go in, in order.
    while (r.data_len && !r.closed) {
        Packet* q = ooo_next(*s);
        if (!q) break;
        wire::TcpHeader qh;
        usize qoff;
        if (wire::tcp_parse(q->data(), q->len, s->m_remote.addr, s->m_local.addr, qh, qoff))
            r = segment_input(*s, qh, static_cast<u32>(q->len - qoff), q->data() + qoff);
        packet_free(q);
        send_ack |= r.send_ack;
    }
    if (r.closed) {
        tcp_closed(*s);
        return packet_free(p);
    }
    u32 before = s->m_cb.snd_nxt;
    tcp_output(*s);
    bool sent = s->m_cb.snd_nxt != before;
    if ((send_ack || (was_synsent && r.established)) && !sent) tcp_send_ack(*s);
    if (s->m_orphan && s->m_cb.state == TcpState::FinWait2 && !s->m_expires_ns)
        s->m_expires_ns = monotonic_ns() + kTimeWaitNs;
    packet_free(p);
}
