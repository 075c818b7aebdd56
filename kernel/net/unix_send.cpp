// SPDX-License-Identifier: MIT
// Sending on AF_UNIX sockets (linux: unix_stream_sendmsg, unix_dgram_sendmsg,
// unix_seqpacket_sendmsg). A stream send is cut into messages of at most half the send buffer;
// each datagram is one message. What a socket has sent and nobody has read yet counts against
// its send buffer, which is where a writer blocks.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/signal.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "net/unix_socket.h"

namespace {

constexpr usize kStreamChunk = 32768;   // linux: about SKB_MAX_HEAD(0) + UNIX_SKB_FRAGS_SZ

// A message holding data[off, off + n), the sender's credentials and (moved in) fds.
Result<UnixMsg*> make_msg(const DataIter& data, usize off, usize n, const UnixCred& cred, FdList& fds) {
    auto* m = new (std::nothrow) UnixMsg();
    if (!m) return Error(ENOMEM);
    if (n) {
        m->data = static_cast<u8*>(kmalloc(n));
        if (!m->data || data.gather(off, m->data, n).is_error()) {
            int e = m->data ? EFAULT : ENOMEM;
            delete m;
            return Error(e);
        }
    }
    m->len = n;
    m->cred = cred;
    Timespec now = realtime_now();
    m->sent_sec = now.sec;
    m->sent_nsec = now.nsec;
    m->fds.take(fds);
    unix_gc_count_msg(*m);
    return m;
}

}  // namespace

Result<usize> UnixSocket::send(const DataIter& data, const UnixTarget* dest, FdList& fds, const UnixCred* cred,
                               u32 flags, bool nonblock) {
    if (flags & kMsgOob) return Error(EOPNOTSUPP);
    UnixCred c = cred ? *cred : unix_current_cred();
    nonblock = nonblock || (flags & kMsgDontwait);
    if (m_type == kSockStream) {
        if (dest) {
            SpinlockGuard g(unix_lock());
            return Error(m_state == UnixState::Connected ? EISCONN : EOPNOTSUPP);
        }
        MutexGuard sg(m_send_lock);
        auto r = send_stream(data, fds, c, flags, nonblock);
        if (r.is_error() && r.error().code == EPIPE && !(flags & kMsgNosignal)) signal_raise_sigpipe();
        return r;
    }
    if (m_type == kSockSeqpacket) {
        SpinlockGuard g(unix_lock());
        if (int e = m_err) {
            m_err = 0;
            return Error(e);
        }
        if (m_state != UnixState::Connected) return Error(ENOTCONN);
        dest = nullptr;   // linux: the address is ignored
    }
    return send_dgram(data, dest, fds, c, nonblock);
}

Result<usize> UnixSocket::send_stream(const DataIter& data, FdList& fds, const UnixCred& cred, u32,
                                      bool nonblock) {
    RefPtr<UnixSocket> other;
    {
        SpinlockGuard g(unix_lock());
        if (!m_peer) return Error(ENOTCONN);
        if (m_shutdown & kSendShutdown) return Error(EPIPE);
        other = m_peer;
    }
    usize sent = 0;
    u64 deadline = timeout_deadline(false);
    while (sent < data.total) {
        usize n = min<usize>(data.total - sent, min<usize>(m_sndbuf / 2 - 64, kStreamChunk));
        // linux: sock_alloc_send_pskb() waits for room in the send buffer.
        auto room = [this] { return m_wmem < m_sndbuf || (m_shutdown & kSendShutdown) || m_err; };
        bool has_room;
        {
            SpinlockGuard g(unix_lock());
            has_room = room();
        }
        if (!has_room) {
            if (nonblock) return sent ? Result<usize>(sent) : Error(EAGAIN);
            auto w = unix_wait(m_wq, deadline, room);
            if (w.is_error()) return sent ? Result<usize>(sent) : w.error();
            continue;
        }
        auto made = make_msg(data, sent, n, cred, fds);   // fds go with the first message
        if (made.is_error()) return sent ? Result<usize>(sent) : made.error();
        UnixMsg* m = made.value();
        bool broken;
        {
            SpinlockGuard g(unix_lock());
            broken = other->m_dead || (other->m_shutdown & kRcvShutdown) || (m_shutdown & kSendShutdown);
            if (!broken) {
                m->from = RefPtr<UnixSocket>(this);
                m_wmem += n;
                other->m_rxq.push_back(*m);
                other->m_rx_bytes += n;
            }
        }
        if (broken) {
            delete m;
            return sent ? Result<usize>(sent) : Error(EPIPE);
        }
        other->wait_queue().wake_all(POLLIN | POLLRDNORM);
        sent += n;
    }
    return sent;
}

Result<usize> UnixSocket::send_dgram(const DataIter& data, const UnixTarget* dest, FdList& fds,
                                     const UnixCred& cred, bool nonblock) {
    RefPtr<UnixSocket> other;
    if (!dest) {
        SpinlockGuard g(unix_lock());
        if (!m_peer) return Error(ENOTCONN);
        other = m_peer;
    }
    if (m_passcred) TRY(autobind());
    if (data.total > m_sndbuf - 32) return Error(EMSGSIZE);
    u64 deadline = timeout_deadline(false);
    auto room = [this] { return m_wmem < m_sndbuf || m_err; };
    for (;;) {
        bool ok;
        {
            SpinlockGuard g(unix_lock());
            ok = room();
        }
        if (ok) break;
        if (nonblock) return Error(EAGAIN);
        TRY(unix_wait(m_wq, deadline, room));
    }
    UnixMsg* m = TRY(make_msg(data, 0, data.total, cred, fds));
    for (;;) {
        if (!other) {
            auto found = unix_find(*dest, m_type);
            if (found.is_error()) {
                delete m;
                return found.error();
            }
            other = found.release_value();
        }
        int err = 0;
        bool full = false;
        RefPtr<UnixSocket> dropped;
        UnixMsgList purged;
        {
            SpinlockGuard g(unix_lock());
            if (other->m_dead) {
                err = ECONNREFUSED;
                if (m_type == kSockSeqpacket) {
                    err = EPIPE;
                } else if (m_peer.ptr() == other.ptr()) {
                    dropped = move_ref(m_peer);   // linux: the datagram socket is disconnected
                    m_state = UnixState::Unconnected;
                    unix_dgram_disconnected_locked(*this, *other, purged);
                }
            } else if (other->m_peer && other->m_peer.ptr() != this) {
                err = EPERM;
            } else if (other->m_shutdown & kRcvShutdown) {
                err = EPIPE;
            } else if (m_type != kSockSeqpacket && other->m_peer.ptr() != this &&
                       other->m_rxq.size() > other->m_backlog) {
                full = true;
            } else {
                m->from = RefPtr<UnixSocket>(this);
                m_wmem += m->len;
                other->m_rxq.push_back(*m);
                other->m_rx_bytes += m->len;
            }
        }
        unix_free_msgs(purged);
        if (err) {
            delete m;
            return Error(err);
        }
        if (!full) break;
        if (nonblock) {
            delete m;
            return Error(EAGAIN);
        }
        UnixSocket* o = other.ptr();
        auto w = unix_wait(o->wait_queue(), deadline, [o] { return o->m_dead || o->m_rxq.size() <= o->m_backlog; });
        if (w.is_error()) {
            delete m;
            return w.error();
        }
    }
    usize n = data.total;
    other->wait_queue().wake_all(POLLIN | POLLRDNORM);
    return n;
}
