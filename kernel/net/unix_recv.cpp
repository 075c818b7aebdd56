// SPDX-License-Identifier: MIT
// Receiving on AF_UNIX sockets (linux: unix_stream_read_generic, unix_dgram_recvmsg,
// unix_seqpacket_recvmsg). A stream read coalesces messages until the buffer is full (or, with
// SO_PASSCRED, the sender's credentials change) and stops after a message that carried
// descriptors; a datagram read takes one message, MSG_TRUNC reporting what did not fit.
#include "abi/linux/uapi.h"
#include "net/unix_socket.h"

namespace {

// The sender's name as recvfrom reports it: nothing for an unbound sender.
UnixAddr sender_name(UnixMsg& m) {
    if (!m.from) return UnixAddr{};
    SpinlockGuard g(unix_lock());
    return m.from->m_addr;
}

// sock_error(): the pending error, cleared.
int take_error(UnixSocket& s) {
    int e = s.m_err;
    s.m_err = 0;
    return e;
}

}  // namespace

Result<usize> UnixSocket::recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    if (flags & kMsgOob) return Error(EOPNOTSUPP);
    nonblock = nonblock || (flags & kMsgDontwait);
    MutexGuard rg(m_recv_lock);
    if (m_type == kSockStream) return recv_stream(data, flags, nonblock, info);
    if (m_type == kSockSeqpacket) {
        SpinlockGuard g(unix_lock());
        if (m_state != UnixState::Connected) return Error(ENOTCONN);
    }
    return recv_dgram(data, flags, nonblock, info);
}

Result<usize> UnixSocket::recv_dgram(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    bool peek = flags & kMsgPeek;
    u64 deadline = timeout_deadline(true);
    UnixMsg* m = nullptr;
    for (;;) {
        bool eof = false;
        {
            SpinlockGuard g(unix_lock());
            if (int e = take_error(*this)) return Error(e);
            m = m_rxq.first();
            if (m && !peek) {
                m_rxq.remove(*m);
                m_rx_bytes -= m->len;
            }
            eof = !m && (m_shutdown & kRcvShutdown);
        }
        if (m) break;
        // linux: a shut-down seqpacket reads end of file; a datagram socket only when it would wait.
        if (eof && (m_type == kSockSeqpacket || !nonblock)) return usize(0);
        if (nonblock) return Error(EAGAIN);
        TRY(unix_wait(m_wq, deadline, [this] { return !m_rxq.empty() || (m_shutdown & kRcvShutdown) || m_err; }));
    }
    if (!peek) m_wq.wake_all(POLLOUT | POLLWRNORM);   // room for senders waiting on this queue
    usize full = m->len;
    usize n = min(data.total, full);
    if (n < full) info.msg_flags |= kMsgTrunc;
    auto copied = data.scatter(0, m->data, n);
    info.from = sender_name(*m);
    info.cred = m->cred;
    info.has_cred = m_passcred;
    info.has_stamp = m_timestamp;   // linux: datagrams only (unix_dgram_recvmsg)
    info.stamp_sec = m->sent_sec;
    info.stamp_nsec = m->sent_nsec;
    Result<void> fds_ok = peek ? info.fds.copy_from(m->fds) : (info.fds.take(m->fds), Result<void>{});
    if (!peek) unix_msg_free(m);
    TRY(copied);
    TRY(fds_ok);
    return (flags & kMsgTrunc) ? full : n;
}

Result<usize> UnixSocket::recv_stream(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    bool peek = flags & kMsgPeek;
    usize target = (flags & kMsgWaitall) ? data.total : min<usize>(1, data.total);
    u64 deadline = timeout_deadline(true);
    usize copied = 0;
    int err = 0;
    bool have_cred = false;
    {
        SpinlockGuard g(unix_lock());
        if (m_state != UnixState::Connected) return Error(EINVAL);
    }
    while (copied < data.total) {
        UnixMsg* m = nullptr;
        usize off = 0;
        bool stop = false;
        {
            SpinlockGuard g(unix_lock());
            // With MSG_PEEK the bytes already copied stay queued: skip over them.
            usize skip = peek ? copied : 0;
            for (m = m_rxq.first(); m; m = m_rxq.next_of(*m)) {
                usize left = m->len - m->consumed;
                if (skip < left) break;
                skip -= left;
            }
            if (!m) {
                if (copied >= target) {
                    stop = true;
                } else if ((err = take_error(*this))) {
                    stop = true;
                } else if (m_shutdown & kRcvShutdown) {
                    stop = true;
                } else if (nonblock) {
                    err = EAGAIN;
                    stop = true;
                }
            } else {
                off = m->consumed + skip;
                // linux: with SO_PASSCRED, data from different senders is not merged.
                if (m_passcred && have_cred && !(m->cred == info.cred)) stop = true;
            }
        }
        if (stop) break;
        if (!m) {
            usize seen = peek ? copied : 0;
            auto w = unix_wait(m_wq, deadline, [this, seen] {
                return m_rx_bytes > seen || (m_shutdown & kRcvShutdown) || m_err;
            });
            if (w.is_error()) {
                err = w.error().code;
                break;
            }
            continue;
        }
        if (!have_cred) {
            have_cred = true;
            info.cred = m->cred;
            info.has_cred = m_passcred;
            info.from = sender_name(*m);
        }
        usize chunk = min(m->len - off, data.total - copied);
        if (data.scatter(copied, m->data + off, chunk).is_error()) {
            if (!copied) err = EFAULT;
            break;
        }
        copied += chunk;
        bool had_fds = m->fds.size() != 0;
        if (peek) {
            if (had_fds) {
                if (auto r = info.fds.copy_from(m->fds); r.is_error() && !copied) err = r.error().code;
                break;
            }
            continue;
        }
        bool done_with = false;
        {
            SpinlockGuard g(unix_lock());
            m->consumed += chunk;
            m_rx_bytes -= chunk;
            if (m->consumed == m->len) {
                m_rxq.remove(*m);
                done_with = true;
            }
        }
        if (had_fds) info.fds.take(m->fds);
        if (!done_with) break;
        unix_msg_free(m);
        if (had_fds) break;
    }
    if (copied) return copied;
    if (err) return Error(err);
    return usize(0);
}

usize UnixSocket::bytes_readable() {
    SpinlockGuard g(unix_lock());
    if (m_type == kSockStream) return m_rx_bytes;
    UnixMsg* m = m_rxq.first();
    return m ? m->len : 0;
}

usize UnixSocket::bytes_unsent() {
    SpinlockGuard g(unix_lock());
    return m_wmem;
}
