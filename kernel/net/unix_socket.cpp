// SPDX-License-Identifier: MIT
// The AF_UNIX socket object: creation, readiness (linux: unix_poll, unix_dgram_poll) and
// release (linux: unix_release_sock), plus the small value types of net/unix_types.h.
#include "net/unix_socket.h"

#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "fs/procfs/procfs.h"
#include "mm/kheap.h"
#include "sync/spinlock.h"

namespace {

constinit Spinlock g_unix_lock(LockRank::UnixSocket, "unix");

}  // namespace

Spinlock& unix_lock() { return g_unix_lock; }

UnixCred unix_current_cred() {
    UnixCred c;
    Process* p = current_process();
    if (!p) return UnixCred{0, 0, 0};
    c.pid = static_cast<u32>(p->pid);
    c.uid = p->creds.euid;
    c.gid = p->creds.egid;
    return c;
}

bool UnixAddr::same(const UnixAddr& o) const {
    return len == o.len && __builtin_memcmp(bytes, o.bytes, len) == 0;
}

// --- FdList and DataIter ------------------------------------------------------------------------

Result<void> FdList::reserve(u32 n) {
    clear();
    if (!n) return {};
    m_v = static_cast<RefPtr<File>*>(kzalloc(sizeof(RefPtr<File>) * n));   // null RefPtrs are zero
    if (!m_v) return Error(ENOMEM);
    m_n = n;
    return {};
}

void FdList::clear() {
    for (u32 i = 0; i < m_n; i++) m_v[i].clear();
    kfree(m_v);
    m_v = nullptr;
    m_n = 0;
}

void FdList::take(FdList& o) {
    clear();
    m_v = o.m_v;
    m_n = o.m_n;
    o.m_v = nullptr;
    o.m_n = 0;
}

Result<void> FdList::copy_from(const FdList& o) {
    TRY(reserve(o.m_n));
    for (u32 i = 0; i < m_n; i++) m_v[i] = o.m_v[i];
    return {};
}

template <typename Op>
static Result<void> walk_segments(const DataIter& d, usize off, usize n, Op&& op) {
    usize done = 0;
    for (usize i = 0; i < d.count && done < n; i++) {
        usize sz = d.bufs[i].size();
        if (off >= sz) {
            off -= sz;
            continue;
        }
        usize chunk = min<usize>(sz - off, n - done);
        TRY(op(d.bufs[i], off, done, chunk));
        done += chunk;
        off = 0;
    }
    return {};
}

Result<void> DataIter::gather(usize off, void* dst, usize n) const {
    return walk_segments(*this, off, n, [&](const IoBuffer& b, usize at, usize done, usize chunk) {
        return b.read_at(at, static_cast<u8*>(dst) + done, chunk);
    });
}

Result<void> DataIter::scatter(usize off, const void* src, usize n) const {
    return walk_segments(*this, off, n, [&](const IoBuffer& b, usize at, usize done, usize chunk) {
        return b.write_at(at, static_cast<const u8*>(src) + done, chunk);
    });
}

// --- the socket -----------------------------------------------------------------------------

UnixMsg::~UnixMsg() {
    if (gc_counted) unix_gc_uncount_msg();
    kfree(data);
}

void unix_msg_free(UnixMsg* m) {
    if (UnixSocket* from = m->from.ptr()) {
        {
            SpinlockGuard g(g_unix_lock);
            from->m_wmem -= m->len;
        }
        from->wait_queue().wake_all(POLLOUT | POLLWRNORM);
    }
    delete m;
}

Result<RefPtr<UnixSocket>> UnixSocket::create(int type) {
    auto* s = new (std::nothrow) UnixSocket(type);
    if (!s) return Error(ENOMEM);
    s->m_backlog = static_cast<u32>(sysctl_unix_max_dgram_qlen());   // linux: unix_create1()
    unix_gc_register(*s);
    return RefPtr<UnixSocket>::adopt(s);
}

UnixSocket::~UnixSocket() {
    unix_gc_unregister(*this);
    while (UnixMsg* m = m_rxq.pop_front()) delete m;
}

bool UnixSocket::listening() {
    SpinlockGuard g(g_unix_lock);
    return m_state == UnixState::Listening;
}

u32 UnixSocket::poll() {
    SpinlockGuard g(g_unix_lock);
    u32 mask = 0;
    if (m_err) mask |= POLLERR;
    if (m_shutdown == (kRcvShutdown | kSendShutdown)) mask |= POLLHUP;
    if (m_shutdown & kRcvShutdown) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (!m_rxq.empty() || !m_accept_q.empty()) mask |= POLLIN | POLLRDNORM;
    bool connection = m_type == kSockStream || m_type == kSockSeqpacket;
    if (connection && m_state == UnixState::Unconnected) mask |= POLLHUP;
    bool writable = m_state != UnixState::Listening && (m_wmem << 2) <= m_sndbuf;
    if (writable && m_type != kSockStream) {
        // linux: unix_dgram_poll(): a peer that is not connected back and has a full queue.
        UnixSocket* other = m_peer.ptr();
        if (other && other->m_peer.ptr() != this && other->m_rxq.size() > other->m_backlog) writable = false;
    }
    if (writable) mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
    return mask;
}

void UnixSocket::release(bool embryo) {
    UnixMsgList dropped;
    IntrusiveList<UnixSocket, &UnixSocket::m_accept_node> embryos;
    RefPtr<UnixSocket> pair;
    {
        SpinlockGuard g(g_unix_lock);
        m_dead = true;
        m_state = UnixState::Unconnected;
        m_shutdown = kRcvShutdown | kSendShutdown;
        unix_names_remove_locked(*this);
        pair = move_ref(m_peer);
        if (pair && m_type != kSockDgram && pair->m_peer.ptr() == this) {
            pair->m_shutdown = kRcvShutdown | kSendShutdown;
            if (!m_rxq.empty() || embryo) pair->m_err = ECONNRESET;
        }
        while (UnixMsg* m = m_rxq.pop_front()) dropped.push_back(*m);
        m_rx_bytes = 0;
        while (UnixSocket* e = m_accept_q.pop_front()) embryos.push_back(*e);
    }
    m_wq.wake_all();
    if (pair) pair->wait_queue().wake_all();
    while (UnixSocket* e = embryos.pop_front()) {
        e->release(true);
        RefPtr<UnixSocket>::adopt(e);   // the queue's reference
    }
    unix_free_msgs(dropped);
    if (!embryo) unix_gc();
}

// --- The socket as a File (read/write/ioctl) ---------------------------------------------------

Result<usize> UnixSocket::read(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    RecvInfo info;   // descriptors that arrive with the data are closed, as Linux's read()
    return recv(d, 0, nonblock, info);
}

Result<usize> UnixSocket::write(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    FdList none;
    return send(d, nullptr, none, nullptr, 0, nonblock);
}

Result<long> UnixSocket::ioctl(unsigned cmd, uptr arg) {
    int v;
    if (cmd == SIOCINQ) {
        if (listening()) return Error(EINVAL);
        v = static_cast<int>(bytes_readable());
    } else if (cmd == SIOCOUTQ) {
        v = static_cast<int>(bytes_unsent());
    } else {
        return Error(ENOTTY);
    }
    TRY(copy_to_user(UserPtr<int>(arg), v));
    return 0;
}
