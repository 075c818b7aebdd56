// SPDX-License-Identifier: MIT
// TCP connections from the socket side (linux: net/ipv4/tcp.c, tcp_output.c, inet_connection_sock.c):
// active open, listen and accept, close and shutdown, sending segments, readiness.
#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "net/inet/inet.h"
#include "net/inet/netdev.h"
#include "net/inet/route.h"
#include "net/inet/tcp_internal.h"

namespace {

u32 g_iss_seed = 0;

// RFC 6528 would hash the connection's addresses with a secret; a clock-driven counter is
// LINUX-DIVERGENCE: guessable from outside (acceptable behind QEMU's user network).
u32 new_iss() {
    g_iss_seed += 64000;
    return static_cast<u32>(monotonic_ns() >> 2) + g_iss_seed;
}

}  // namespace

u16 tcp_our_mss(const InetSocket& s) {
    // linux: tcp_mss_clamp from the route's device MTU.
    u32 mtu = loopback_dev().mtu;
    if (s.m_remote.addr.is_v4()) {
        auto r = route_v4(s.m_remote.addr.v4());
        if (r.is_ok()) mtu = r.value().dev->mtu;
    }
    if (mtu > 65535) mtu = 65535;
    u32 mss = mtu - (s.m_remote.addr.is_v4() ? wire::kIpv4HeaderLen : wire::kIpv6HeaderLen) - wire::kTcpHeaderLen;
    if (s.m_user_mss && static_cast<u32>(s.m_user_mss) < mss) mss = static_cast<u32>(s.m_user_mss);
    return static_cast<u16>(mss);
}

u32 tcp_rcv_space(const InetSocket& s) { return s.m_rx.space(); }   // 0 once the queues are freed

Result<void> tcp_alloc_queues(InetSocket& s) {
    if (s.m_rx.capacity()) return {};
    auto* rx = static_cast<u8*>(kmalloc(kTcpRingStart));
    auto* tx = static_cast<u8*>(kmalloc(kTcpRingStart));
    if (!rx || !tx) {
        kfree(rx);
        kfree(tx);
        return Error(ENOBUFS);
    }
    s.m_rx.init(rx, kTcpRingStart);
    s.m_tx.init(tx, kTcpRingStart);
    return {};
}

bool tcp_grow_ring(ByteRing& r, u32 max) {
    if (!r.capacity() || r.capacity() >= max || r.space() > r.capacity() / 2) return false;
    u32 cap = r.capacity() * 2 < max ? r.capacity() * 2 : max;
    auto* buf = static_cast<u8*>(kmalloc(cap));
    if (!buf) return false;   // stays as it is: the peer's window or the writer waits
    kfree(r.move_to(buf, cap));
    return true;
}

void tcp_free_queues(InetSocket& s) {
    tcp_drop_out_of_order(s);
    kfree(s.m_rx.buffer());
    kfree(s.m_tx.buffer());
    s.m_rx.init(nullptr, 0);
    s.m_tx.init(nullptr, 0);
}

void tcp_xmit(InetSocket& s, wire::TcpHeader h, u32 ring_off, u32 len) {
    h.sport = s.m_local.port;
    h.dport = s.m_remote.port;
    u32 hl = static_cast<u32>(wire::tcp_header_len(h));
    Packet* p = packet_alloc(kPacketHeadroom, hl + len);
    if (!p) return;   // as a lost segment: the retransmission timer (or, on loopback, the peer) recovers
    if (len) s.m_tx.peek(ring_off, p->data() + hl, len);
    wire::tcp_finish(h, p->data(), len, s.m_local.addr, s.m_remote.addr);
    (void)ip_output(p, s.m_local.addr, s.m_remote.addr, wire::kProtoTcp, inet_ttl(s));
}

void tcp_send_ack(InetSocket& s) { tcp_xmit(s, tcp_ack(s.m_cb, tcp_rcv_space(s)), 0, 0); }

void tcp_output(InetSocket& s) {
    u32 max_before = s.m_cb.snd_max;
    for (;;) {
        u32 inflight = s.m_cb.data_in_flight();
        u32 unsent = s.m_tx.size() - inflight;
        wire::TcpHeader h;
        u32 len;
        if (!tcp_next_segment(s.m_cb, unsent, tcp_rcv_space(s), h, len)) break;
        tcp_xmit(s, h, inflight, len);
    }
    tcp_timer_sent(s, max_before);
}

void tcp_closed(InetSocket& s) {
    s.m_cb.state = TcpState::Closed;
    s.m_shutdown = kRcvShutdown | kSendShutdown;
    inet_wake_later(s);
    if (s.m_orphan) tcp_free_queues(s);
    if (s.m_orphan || !s.m_bind_port_lock || s.m_listener) inet_table_remove(s);
}

Result<void> tcp_connect(InetSocket& s, const InetEnd& to, bool) {
    wire::Addr src = TRY(ip_route(to.addr));
    inet_reap_expired();
    if (s.m_local.addr.is_any()) s.m_local.addr = src;
    if (!s.m_local.port) {
        u16 port = inet_ephemeral_port(s, s.m_local.addr, &to);
        if (!port) return Error(EADDRNOTAVAIL);
        s.m_local.port = port;
    }
    for (InetSocket& t : inet_table()) {
        if (&t != &s && t.is_tcp() && t.m_local == s.m_local && t.m_remote == to && t.m_cb.state != TcpState::Closed)
            return Error(EADDRNOTAVAIL);
    }
    TRY(tcp_alloc_queues(s));
    s.m_remote = to;
    s.m_err = 0;
    s.m_shutdown = 0;
    s.m_done = false;
    s.m_rx.drop(s.m_rx.size());
    s.m_tx.drop(s.m_tx.size());
    inet_table_add(s);
    wire::TcpHeader syn = tcp_open_active(s.m_cb, new_iss(), tcp_rcv_space(s), tcp_our_mss(s));
    tcp_xmit(s, syn, 0, 0);
    s.m_rtx = tcp_needs_rtx(s);
    s.m_rto = TcpRto{};
    s.m_retries = 0;
    s.m_rtx_deadline_ns = 0;
    tcp_timer_sent(s, s.m_cb.iss);
    return {};
}

Result<void> tcp_listen(InetSocket& s, int backlog) {
    if (backlog < 0) backlog = 0;
    if (backlog > kSomaxconn) backlog = kSomaxconn;
    if (s.m_cb.state == TcpState::Listen) {
        s.m_backlog = static_cast<u32>(backlog);
        return {};
    }
    if (!s.m_local.port) {
        u16 port = inet_ephemeral_port(s, s.m_local.addr, nullptr);
        if (!port) return Error(EADDRINUSE);
        s.m_local.port = port;
    } else if (inet_bind_conflict(s, s.m_local, true)) {
        return Error(EADDRINUSE);
    }
    s.m_backlog = static_cast<u32>(backlog);
    s.m_cb = TcpCb{};
    s.m_cb.state = TcpState::Listen;
    inet_table_add(s);
    return {};
}

Result<RefPtr<InetSocket>> tcp_accept(InetSocket& s, bool nonblock) {
    u64 deadline = s.m_rcvtimeo_ns ? monotonic_ns() + s.m_rcvtimeo_ns : 0;
    for (;;) {
        {
            InetLocked g;
            if (s.m_cb.state != TcpState::Listen) return Error(EINVAL);
            if (InetSocket* c = s.m_accept_q.pop_front()) {
                c->m_listener = nullptr;
                c->m_conn = SockConn::Connected;
                // A SYN that found the queue full is taken now (as its retransmission would be).
                if (Packet* syn = s.m_syn_wait.pop_front()) ip_input(syn);
                return RefPtr<InetSocket>::adopt(c);   // the queue's reference
            }
        }
        if (nonblock) return Error(EAGAIN);
        TRY(inet_wait(s, deadline, [&] { return !s.m_accept_q.empty() || s.m_cb.state != TcpState::Listen; }));
    }
}

void tcp_shutdown_send(InetSocket& s) {
    TcpState st = s.m_cb.state;
    if (st != TcpState::Established && st != TcpState::CloseWait && st != TcpState::SynRcvd) return;
    s.m_cb.fin_wanted = true;
    tcp_output(s);
}

namespace {

void abort_conn(InetSocket& c) {
    if (c.m_cb.synchronized() && c.m_cb.state != TcpState::TimeWait) tcp_xmit(c, tcp_abort(c.m_cb), 0, 0);
    tcp_closed(c);
}

void close_listener(InetSocket& s) {
    s.m_cb.state = TcpState::Closed;
    while (InetSocket* c = s.m_accept_q.pop_front()) {
        c->m_orphan = true;
        c->m_listener = nullptr;
        abort_conn(*c);
        RefPtr<InetSocket>::adopt(c);
    }
    for (InetSocket& t : inet_table()) {
        if (t.m_listener == &s) {
            t.m_listener = nullptr;
            t.m_orphan = true;
            abort_conn(t);
        }
    }
    // The SYNs still waiting are answered as their retransmissions would be: with a reset.
    while (Packet* syn = s.m_syn_wait.pop_front()) ip_input(syn);
    s.m_backlog = 0;
    inet_wake_later(s);
}

}  // namespace

void tcp_disconnect(InetSocket& s) {
    if (s.m_cb.state == TcpState::Listen) {
        close_listener(s);
        if (!s.m_bind_port_lock) inet_table_remove(s);
    } else if (s.m_cb.state != TcpState::Closed) {
        abort_conn(s);
    }
    s.m_conn = SockConn::Unconnected;
    s.m_rx.drop(s.m_rx.size());
    s.m_tx.drop(s.m_tx.size());
    s.m_remote = InetEnd{};
    s.m_shutdown = 0;
    s.m_done = false;
    inet_wake_later(s);
}

void tcp_close(InetSocket& s) {
    s.m_shutdown = kRcvShutdown | kSendShutdown;
    switch (s.m_cb.state) {
    case TcpState::Listen:
        close_listener(s);
        inet_table_remove(s);
        return;
    case TcpState::Closed:
    case TcpState::SynSent:
        tcp_closed(s);
        return;
    default: break;
    }
    // linux: tcp_close(): unread data, or SO_LINGER with a zero timeout, resets the connection.
    if (s.m_rx.size() || (s.m_linger && s.m_linger_secs == 0)) {
        abort_conn(s);
        return;
    }
    if (s.m_cb.state == TcpState::TimeWait) {
        tcp_free_queues(s);   // the table entry runs out on its own
        return;
    }
    s.m_cb.fin_wanted = true;
    tcp_output(s);
    if (s.m_cb.state == TcpState::FinWait2) s.m_expires_ns = monotonic_ns() + kTimeWaitNs;
}

u32 tcp_poll(InetSocket& s) {
    TcpState st = s.m_cb.state;
    if (st == TcpState::Listen) return s.m_accept_q.empty() ? 0 : POLLIN | POLLRDNORM;
    u32 mask = 0;
    bool closed = st == TcpState::Closed || st == TcpState::TimeWait;
    if (s.m_shutdown == (kRcvShutdown | kSendShutdown) || closed) mask |= POLLHUP;
    if (s.m_shutdown & kRcvShutdown) mask |= POLLIN | POLLRDNORM | POLLRDHUP;
    if (st != TcpState::SynSent && st != TcpState::SynRcvd) {
        if (s.m_rx.size()) mask |= POLLIN | POLLRDNORM;
        if (!(s.m_shutdown & kSendShutdown)) {
            // linux: sk_stream_is_writeable(): free space at least half of what is queued.
            u32 used = s.m_tx.size();
            u32 cap = s.m_tx.capacity() < kTcpTxMax ? kTcpTxMax : s.m_tx.capacity();
            if (cap - used >= used / 2) mask |= POLLOUT | POLLWRNORM;
        } else {
            mask |= POLLOUT | POLLWRNORM;
        }
    }
    if (s.m_err) mask |= POLLERR;
    return mask;
}
