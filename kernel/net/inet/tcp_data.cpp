// SPDX-License-Identifier: MIT
// Reading and writing a TCP connection (linux: net/ipv4/tcp.c tcp_sendmsg_locked, tcp_recvmsg_locked):
// user bytes go through a kernel bounce buffer with the lock dropped, into the send queue or out of
// the receive queue.
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "net/inet/inet.h"
#include "net/inet/tcp_internal.h"

namespace {

constexpr usize kChunk = 64 * 1024;

// Where user bytes stop between the user copy (lock dropped) and the queue (lock held): small
// calls (the request/response kind) use the stack, others one heap chunk.
class Bounce {
public:
    explicit Bounce(usize want) : m_len(want < kChunk ? (want ? want : 1) : kChunk) {
        m_buf = m_len <= sizeof(m_small) ? m_small : static_cast<u8*>(kmalloc(m_len));
    }
    ~Bounce() {
        if (m_buf != m_small) kfree(m_buf);
    }
    ARAMID_NOCOPY(Bounce);
    u8* get() const { return m_buf; }
    usize size() const { return m_len; }

private:
    usize m_len;
    u8* m_buf;
    u8 m_small[256];
};

int take_error(InetSocket& s) {
    int e = s.m_err;
    s.m_err = 0;
    return e;
}

u64 deadline_of(u64 timeo) { return timeo ? monotonic_ns() + timeo : 0; }

}  // namespace

Result<usize> tcp_send(InetSocket& s, const DataIter& data, u32 flags, bool nonblock) {
    if (flags & kMsgOob) return Error(EOPNOTSUPP);   // LINUX-DIVERGENCE: no urgent data
    MutexGuard wg(s.m_send_lock);
    bool nb = nonblock || (flags & kMsgDontwait);
    u64 deadline = deadline_of(s.m_sndtimeo_ns);
    Bounce bounce(data.total);
    if (!bounce.get()) return Error(ENOBUFS);
    usize done = 0;
    for (;;) {
        u32 room;
        {
            InetLocked g;
            TcpState st = s.m_cb.state;
            if (s.m_err || (s.m_shutdown & kSendShutdown)) {
                if (done) return done;
                if (s.m_err) return Error(take_error(s));
                return Error(EPIPE);
            }
            bool connecting = st == TcpState::SynSent || st == TcpState::SynRcvd;
            if (st != TcpState::Established && st != TcpState::CloseWait && !connecting) {
                if (done) return done;
                return Error(EPIPE);   // linux: sk_stream_wait_connect()
            }
            if (done == data.total && done) return done;
            if (!connecting && !s.m_tx.space()) tcp_grow_ring(s.m_tx, kTcpTxMax);
            room = connecting ? 0 : s.m_tx.space();
            if (!data.total && !connecting) return usize(0);
        }
        if (!room) {
            if (nb) {
                if (done) return done;
                return Error(EAGAIN);
            }
            auto w = inet_wait(s, deadline, [&] {
                TcpState st = s.m_cb.state;
                bool open = st == TcpState::Established || st == TcpState::CloseWait;
                return (open && s.m_tx.space()) || !open || s.m_err || (s.m_shutdown & kSendShutdown);
            });
            if (w.is_error()) {
                if (done) return done;
                return w.error();
            }
            continue;
        }
        usize n = data.total - done;
        if (n > room) n = room;
        if (n > bounce.size()) n = bounce.size();
        auto r = data.gather(done, bounce.get(), n);
        if (r.is_error()) {
            if (done) return done;
            return r.error();
        }
        InetLocked g;
        s.m_tx.push(bounce.get(), static_cast<u32>(n));
        tcp_output(s);
        done += n;
    }
}

Result<usize> tcp_recv(InetSocket& s, const DataIter& data, u32 flags, bool nonblock) {
    if (flags & kMsgOob) return Error(EINVAL);   // linux: tcp_recv_urg() with no urgent data
    IoLock rg(s.m_recv_lock);
    bool nb = nonblock || (flags & kMsgDontwait);
    bool peek = flags & kMsgPeek;
    usize target = 1;
    {
        SpinlockGuard g(inet_lock());
        target = (flags & kMsgWaitall) && !peek ? data.total : static_cast<usize>(s.m_rcvlowat);   // linux: sock_rcvlowat()
    }
    if (target > data.total) target = data.total;
    if (!target) target = 1;
    u64 deadline = deadline_of(s.m_rcvtimeo_ns);
    Bounce bounce(data.total);
    if (!bounce.get()) return Error(ENOBUFS);
    usize done = 0;
    for (;;) {
        usize n = 0;
        {
            InetLocked g;
            if (s.m_cb.state == TcpState::Listen) return Error(ENOTCONN);
            u32 avail = s.m_rx.size();
            u32 skip = peek ? static_cast<u32>(done) : 0;
            if (avail > skip && done < data.total) {
                n = avail - skip;
                if (n > data.total - done) n = data.total - done;
                if (n > bounce.size()) n = bounce.size();
                s.m_rx.peek(skip, bounce.get(), static_cast<u32>(n));
                if (!peek) {
                    s.m_rx.drop(static_cast<u32>(n));
                    if (tcp_window_update_due(s.m_cb, s.m_rx.space(), s.m_rx.capacity())) tcp_send_ack(s);
                }
            } else if (done >= target || done == data.total) {
                return done;
            } else if (done) {
                // linux: the loop ends on these conditions only when nothing was copied yet.
                if (s.m_done || s.m_err || (s.m_shutdown & kRcvShutdown) || s.tcp_closed_for_user() || nb)
                    return done;
            } else {
                if (s.m_done) return usize(0);
                if (s.m_err) return Error(take_error(s));
                if (s.m_shutdown & kRcvShutdown) return usize(0);
                if (s.tcp_closed_for_user()) return Error(ENOTCONN);
                if (!data.total) return usize(0);
                if (nb) return Error(EAGAIN);
            }
        }
        if (n) {
            if (!(flags & kMsgTrunc)) {
                auto r = data.scatter(done, bounce.get(), n);
                if (r.is_error()) {
                    if (done) return done;
                    return r.error();
                }
            }
            done += n;
            continue;
        }
        auto w = rg.unlocked([&] {
            return inet_wait(s, deadline, [&] {
                u32 skip = peek ? static_cast<u32>(done) : 0;
                return s.m_rx.size() > skip || s.m_done || s.m_err || (s.m_shutdown & kRcvShutdown) ||
                       s.tcp_closed_for_user() || s.m_cb.state == TcpState::Listen;
            });
        });
        if (w.is_error()) {
            if (done) return done;
            return w.error();
        }
    }
}
