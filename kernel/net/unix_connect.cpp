// SPDX-License-Identifier: MIT
// AF_UNIX connections (linux: unix_listen, unix_stream_connect, unix_dgram_connect, unix_accept,
// unix_shutdown, unix_socketpair). A stream or seqpacket connect creates the server's end at
// once and queues it on the listener, so data can be sent before accept(); the listener's
// backlog bounds that queue (one more than the backlog fits, as Linux's unix_recvq_full).
#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "net/unix_socket.h"

u64 UnixSocket::timeout_deadline(bool rcv) const {
    u64 t = rcv ? m_rcvtimeo_ns : m_sndtimeo_ns;
    return t ? arch::clock_ns() + t : 0;
}

Result<void> UnixSocket::pair(UnixSocket& a, UnixSocket& b) {
    UnixCred cred = unix_current_cred();
    SpinlockGuard g(unix_lock());
    a.m_peer = RefPtr<UnixSocket>(&b);
    b.m_peer = RefPtr<UnixSocket>(&a);
    a.m_state = b.m_state = UnixState::Connected;
    a.m_peercred = b.m_peercred = cred;
    a.m_has_peercred = b.m_has_peercred = true;
    return {};
}

Result<void> UnixSocket::listen(int backlog) {
    if (m_type == kSockDgram) return Error(EOPNOTSUPP);
    UnixCred cred = unix_current_cred();
    {
        SpinlockGuard g(unix_lock());
        if (!m_addr.len) return Error(EINVAL);
        if (m_state == UnixState::Connected) return Error(EINVAL);
        m_backlog = static_cast<u32>(backlog);
        m_state = UnixState::Listening;
        m_peercred = cred;   // what connecting clients see as SO_PEERCRED
        m_has_peercred = true;
    }
    m_wq.wake_all();   // connectors waiting for room in a smaller backlog
    return {};
}

// linux: unix_dgram_disconnected(): a datagram socket leaving its peer loses its queue, and a
// peer connected back to it learns of that (ECONNRESET). Under unix_lock(); the messages go to
// *dropped for freeing after the lock is released.
void unix_dgram_disconnected_locked(UnixSocket& self, UnixSocket& old, UnixMsgList& dropped) {
    if (self.m_rxq.empty()) return;
    while (UnixMsg* m = self.m_rxq.pop_front()) dropped.push_back(*m);
    self.m_rx_bytes = 0;
    if (!old.m_dead && old.m_peer.ptr() == &self) old.m_err = ECONNRESET;
}

void unix_free_msgs(UnixMsgList& list) {
    while (UnixMsg* m = list.pop_front()) unix_msg_free(m);
}

// linux: unix_dgram_connect(); other null: AF_UNSPEC.
static Result<void> set_dgram_peer(UnixSocket& self, RefPtr<UnixSocket> other) {
    RefPtr<UnixSocket> old;
    UnixMsgList dropped;
    {
        SpinlockGuard g(unix_lock());
        // linux: unix_may_send(): the target is unconnected or connected to us.
        if (other && other->m_peer && other->m_peer.ptr() != &self) return Error(EPERM);
        old = move_ref(self.m_peer);
        self.m_peer = move_ref(other);
        self.m_state = self.m_peer ? UnixState::Connected : UnixState::Unconnected;
        if (old && old != self.m_peer) unix_dgram_disconnected_locked(self, *old, dropped);
    }
    if (old) old->wait_queue().wake_all();
    self.wait_queue().wake_all(POLLOUT);
    unix_free_msgs(dropped);
    return {};
}

void UnixSocket::disconnect() { (void)set_dgram_peer(*this, nullptr); }

Result<void> UnixSocket::connect(const UnixTarget& target, bool nonblock) {
    if (m_type == kSockDgram) return set_dgram_peer(*this, TRY(unix_find(target, m_type)));
    if (m_passcred) TRY(autobind());
    RefPtr<UnixSocket> embryo = TRY(create(m_type));
    UnixCred cred = unix_current_cred();
    u64 deadline = timeout_deadline(false);
    for (;;) {
        RefPtr<UnixSocket> other = TRY(unix_find(target, m_type));
        bool full = false;
        {
            SpinlockGuard g(unix_lock());
            if (other->m_state != UnixState::Listening || (other->m_shutdown & kRcvShutdown))
                return Error(ECONNREFUSED);
            full = other->m_accept_q.size() > other->m_backlog;
            if (!full) {
                if (m_state == UnixState::Connected) return Error(EISCONN);
                if (m_state != UnixState::Unconnected) return Error(EINVAL);
                embryo->m_state = UnixState::Connected;
                embryo->m_peer = RefPtr<UnixSocket>(this);
                embryo->m_peercred = cred;
                embryo->m_has_peercred = true;
                embryo->m_addr = other->m_addr;   // accept()ed sockets report the listener's name
                embryo->m_passcred = other->m_passcred;
                m_peercred = other->m_peercred;
                m_has_peercred = true;
                m_state = UnixState::Connected;
                m_peer = embryo;
                other->m_accept_q.push_back(*embryo.leak());   // the queue holds the reference
            }
        }
        if (!full) {
            other->wait_queue().wake_all(POLLIN | POLLRDNORM);
            return {};
        }
        if (nonblock) return Error(EAGAIN);
        UnixSocket* o = other.ptr();
        TRY(unix_wait(o->wait_queue(), deadline, [o] {
            return o->m_state != UnixState::Listening || o->m_accept_q.size() <= o->m_backlog;
        }));
    }
}

Result<RefPtr<UnixSocket>> UnixSocket::accept(bool nonblock) {
    if (m_type == kSockDgram) return Error(EOPNOTSUPP);
    u64 deadline = timeout_deadline(true);
    for (;;) {
        UnixSocket* got = nullptr;
        {
            SpinlockGuard g(unix_lock());
            if (m_state != UnixState::Listening) return Error(EINVAL);
            got = m_accept_q.pop_front();
        }
        if (got) {
            m_wq.wake_all(POLLOUT);   // room for a waiting connector
            return RefPtr<UnixSocket>::adopt(got);
        }
        if (nonblock) return Error(EAGAIN);
        TRY(unix_wait(m_wq, deadline, [this] { return m_state != UnixState::Listening || !m_accept_q.empty(); }));
    }
}

Result<void> UnixSocket::shutdown(int how) {
    if (how < 0 || how > 2) return Error(EINVAL);
    u8 mode = static_cast<u8>(how + 1);
    RefPtr<UnixSocket> other;
    {
        SpinlockGuard g(unix_lock());
        m_shutdown |= mode;
        if (m_peer && m_type != kSockDgram) {
            other = m_peer;
            u8 peer_mode = 0;
            if (mode & kRcvShutdown) peer_mode |= kSendShutdown;
            if (mode & kSendShutdown) peer_mode |= kRcvShutdown;
            other->m_shutdown |= peer_mode;
        }
    }
    m_wq.wake_all();
    if (other) other->wait_queue().wake_all();
    return {};
}
