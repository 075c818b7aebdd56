// SPDX-License-Identifier: MIT
// The retransmission timer (linux: net/ipv4/tcp_timer.c tcp_retransmit_timer, tcp_write_timeout;
// RFC 6298): armed while sent sequence space is unacknowledged, restarted by each ACK that
// acknowledges something new, and on expiry the oldest unacknowledged segment and everything
// after it are sent again (go-back-N, tcp_rewind) with the timeout doubled. A connection that
// gets no answer through all its retries fails with ETIMEDOUT. Loopback connections never
// arm it: loopback loses nothing.
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "net/inet/inet.h"
#include "net/inet/route.h"
#include "net/inet/tcp_internal.h"

namespace {

void arm(InetSocket& s, u64 now) { s.m_rtx_deadline_ns = now + tcp_rto_current(s.m_rto); }

void give_up(InetSocket& s) {
    // linux: tcp_write_err(): the socket's error is ETIMEDOUT (or a soft ICMP error); no RST.
    s.m_err = ETIMEDOUT;
    s.m_rtx_deadline_ns = 0;
    tcp_closed(s);
}

void expire(InetSocket& s, u64 now) {
    bool syn = s.m_cb.state == TcpState::SynSent || s.m_cb.state == TcpState::SynRcvd;
    if (++s.m_retries > (syn ? kTcpMaxSynRetries : kTcpMaxRetries)) return give_up(s);
    tcp_rto_backoff(s.m_rto);
    wire::TcpHeader h;
    if (tcp_syn_again(s.m_cb, tcp_rcv_space(s), tcp_our_mss(s), h)) {
        tcp_xmit(s, h, 0, 0);
    } else {
        tcp_rewind(s.m_cb);
        u32 before = s.m_cb.snd_nxt;
        tcp_output(s);
        // A zero window sends nothing: probe it with a bare ACK so the peer repeats its window.
        if (s.m_cb.snd_nxt == before) tcp_send_ack(s);
    }
    arm(s, now);
}

}  // namespace

bool tcp_needs_rtx(const InetSocket& s) {
    const wire::Addr& a = s.m_remote.addr;
    if (!a.is_v4()) return false;   // IPv6 runs over loopback only
    u32 v = a.v4();
    return (v >> 24) != 127 && !route_is_local_v4(v);
}

void tcp_timer_sent(InetSocket& s, u32 snd_max_before) {
    if (!s.m_rtx || !s.m_cb.unacked()) return;
    u64 now = monotonic_ns();
    if (!s.m_rtx_deadline_ns) arm(s, now);
    if (!s.m_rto.timing && seq_lt(snd_max_before, s.m_cb.snd_max) && !s.m_rto.backoff) {
        s.m_rto.timing = true;
        s.m_rto.timed_seq = s.m_cb.snd_max - 1;
        s.m_rto.timed_at_ns = now;
    }
}

void tcp_timer_acked(InetSocket& s, bool progress) {
    if (!s.m_rtx || !progress) return;
    u64 now = monotonic_ns();
    if (s.m_rto.timing && seq_lt(s.m_rto.timed_seq, s.m_cb.snd_una)) {
        tcp_rtt_sample(s.m_rto, now - s.m_rto.timed_at_ns);
        s.m_rto.timing = false;
    }
    s.m_rto.backoff = 0;
    s.m_retries = 0;
    if (s.m_cb.unacked()) arm(s, now);
    else s.m_rtx_deadline_ns = 0;
}

void tcp_timers(u64 now) {
    // Each expiry pushes the socket's deadline on (or clears it, or removes the socket), so the
    // search restarts from the front: handling one may free it and change the table.
    for (;;) {
        InetSocket* due = nullptr;
        for (InetSocket& s : inet_table()) {
            if (!s.is_tcp() || !s.m_rtx_deadline_ns) continue;
            if (!s.m_cb.unacked() || s.m_cb.state == TcpState::Closed || s.m_cb.state == TcpState::TimeWait) {
                s.m_rtx_deadline_ns = 0;
                continue;
            }
            if (now >= s.m_rtx_deadline_ns) {
                due = &s;
                break;
            }
        }
        if (!due) return;
        RefPtr<InetSocket> hold(due);
        expire(*due, now);
    }
}
