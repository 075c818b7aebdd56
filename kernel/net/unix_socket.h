// SPDX-License-Identifier: MIT
// AF_UNIX sockets (linux: net/unix/af_unix.c): stream, datagram and seqpacket sockets with
// filesystem, abstract and automatic names, listen/connect/accept, descriptor and credential
// passing. A socket's receive queue holds messages (UnixMsg): a stream reader coalesces them,
// datagram and seqpacket readers take one at a time.
//
// Locking: one spinlock (unix_lock(), rank UnixSocket) guards every socket's state, queues and
// links, so operations that touch two sockets (connect, send, close) need no lock ordering. It
// is never held while user memory is copied, a wait queue is woken or a File or socket may be
// freed: those happen after it is dropped. Readers of one socket are serialised by its recv
// mutex, so the message at the head of its queue stays put while it is copied out unlocked.
#pragma once

#include "abi/linux/socket_abi.h"
#include "core/signal.h"
#include "core/wait_queue.h"
#include "fs/vfs/file.h"
#include "lib/intrusive_list.h"
#include "net/socket.h"
#include "net/unix_types.h"
#include "sync/mutex.h"
#include "sync/spinlock.h"

class Inode;

struct UnixMsg {
    ListNode node;
    u8* data = nullptr;
    usize len = 0;
    usize consumed = 0;           // stream: bytes already read from the front
    RefPtr<UnixSocket> from;      // the sender (its address; its send accounting)
    UnixCred cred;
    i64 sent_sec = 0, sent_nsec = 0;   // realtime of the send, for a receiver's SO_TIMESTAMP
    FdList fds;
    bool gc_counted = false;      // counted in the collector's "messages carrying descriptors"
    ~UnixMsg();
};

using UnixMsgList = IntrusiveList<UnixMsg, &UnixMsg::node>;

enum class UnixState : u8 { Unconnected, Listening, Connected };

class UnixSocket final : public Socket {
public:
    static Result<RefPtr<UnixSocket>> create(int type);
    ~UnixSocket() override;
    ARAMID_NOCOPY(UnixSocket);

    WaitQueue& wait_queue() override { return m_wq; }
    u32 poll() override;
    void file_closed() override { release(); }
    Result<usize> read(const IoBuffer& buf, bool nonblock) override;
    Result<usize> write(const IoBuffer& buf, bool nonblock) override;
    Result<long> ioctl(unsigned cmd, uptr arg) override;
    // The socket calls reach AF_UNIX through the methods below (syscalls/net_*.cpp).
    Result<UnixAddr> op_name(bool) override { return Error(EOPNOTSUPP); }
    Result<usize> op_send(const DataIter&, const u8*, usize, u32, bool) override { return Error(EOPNOTSUPP); }
    Result<usize> op_recv(const DataIter&, u32, bool, RecvInfo&) override { return Error(EOPNOTSUPP); }
    Result<void> op_setsockopt(int, int, const u8*, usize) override { return Error(EOPNOTSUPP); }
    Result<usize> op_getsockopt(int, int, u8*, usize) override { return Error(EOPNOTSUPP); }
    // The socket's File is gone, or (embryo) the listener holding it unaccepted closed
    // (linux: unix_release_sock).
    void release(bool embryo = false);

    // Names (unix_names.cpp). bind_inode/bind_abstract: EINVAL when already bound.
    Result<void> bind_inode(RefPtr<Inode> inode, const UnixAddr& addr);
    Result<void> bind_abstract(const UnixAddr& addr);
    Result<void> autobind();
    UnixAddr name();
    Result<UnixAddr> peer_name();   // ENOTCONN without a peer

    // Connections (unix_connect.cpp).
    Result<void> listen(int backlog);
    Result<void> connect(const UnixTarget& target, bool nonblock);
    Result<RefPtr<UnixSocket>> accept(bool nonblock);
    void disconnect();   // datagram connect(AF_UNSPEC)
    Result<void> shutdown(int how);
    static Result<void> pair(UnixSocket& a, UnixSocket& b);

    // Data (unix_send.cpp, unix_recv.cpp). dest: sendto's address, or null.
    Result<usize> send(const DataIter& data, const UnixTarget* dest, FdList& fds, const UnixCred* cred,
                       u32 flags, bool nonblock);
    Result<usize> recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info);
    usize bytes_readable();   // SIOCINQ (EINVAL for listeners is the caller's)
    usize bytes_unsent();     // SIOCOUTQ

    // Options (unix_options.cpp): SOL_SOCKET values in and out as bytes.
    Result<void> setsockopt(int name, const u8* val, usize len);
    Result<usize> getsockopt(int name, u8* out, usize cap);
    bool listening();

private:
    explicit UnixSocket(int type) : Socket(kAfUnix, type) {}

    Result<usize> send_stream(const DataIter& data, FdList& fds, const UnixCred& cred, u32 flags, bool nonblock);
    Result<usize> send_dgram(const DataIter& data, const UnixTarget* dest, FdList& fds, const UnixCred& cred,
                             bool nonblock);
    Result<usize> recv_stream(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info);
    Result<usize> recv_dgram(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info);
    u64 timeout_deadline(bool rcv) const;

public:
    // State under unix_lock(); the net/unix_*.cpp files use it directly.
    UnixState m_state = UnixState::Unconnected;
    u8 m_shutdown = 0;             // kRcvShutdown | kSendShutdown
    bool m_dead = false;           // released
    bool m_passcred = false;
    bool m_timestamp = false;   // SO_TIMESTAMP: datagrams arrive with SCM_TIMESTAMP
    bool m_passsec = false;     // SO_PASSSEC
    bool m_reuseaddr = false;
    int m_err = 0;                 // SO_ERROR
    RefPtr<UnixSocket> m_peer;
    IntrusiveList<UnixMsg, &UnixMsg::node> m_rxq;
    usize m_rx_bytes = 0;          // unread bytes in m_rxq
    usize m_wmem = 0;              // bytes this socket sent that are still queued somewhere
    u32 m_sndbuf = kUnixDefaultBuf;
    u32 m_rcvbuf = kUnixDefaultBuf;
    u64 m_rcvtimeo_ns = 0;         // 0: none
    u64 m_sndtimeo_ns = 0;
    ListNode m_accept_node;        // in the listener's m_accept_q
    ListNode m_name_node;          // in the bound-name registry
    // Listening: connected server ends not yet accepted (each holds a reference).
    IntrusiveList<UnixSocket, &UnixSocket::m_accept_node> m_accept_q;
    u32 m_backlog = 0;
    // Name: m_addr.len == 0 when unbound.
    UnixAddr m_addr;
    RefPtr<Inode> m_inode;         // filesystem names
    UnixCred m_peercred;
    bool m_has_peercred = false;
    // Readers, writers, pollers, accepters and connectors waiting for room in a backlog.
    WaitQueue m_wq;
    // Serialise the readers (so the head message stays put while copied out unlocked) and the
    // stream writers (so concurrent writes do not interleave within one call) of this socket.
    Mutex m_recv_lock{"unix-recv"};
    Mutex m_send_lock{"unix-send"};
    // The collector's registry of every socket and its per-pass state (net/unix_gc.cpp).
    ListNode m_all_node;
    u32 m_gc_inflight = 0;         // references to this socket's File inside queued messages
    u32 m_gc_internal = 0;         // ... of them inside queues of candidate sockets
    bool m_gc_candidate = false;   // every reference to the File is in flight
    bool m_gc_alive = false;       // reachable from outside the in-flight set
    bool m_gc_scanned = false;
    File* m_gc_file = nullptr;
};

// The AF_UNIX socket behind s, or null for another family.
inline UnixSocket* unix_socket(Socket* s) { return s && s->family() == kAfUnix ? static_cast<UnixSocket*>(s) : nullptr; }

Spinlock& unix_lock();
// The garbage collector for sockets kept alive only by descriptors in flight (linux:
// net/unix/garbage.c): a socket sent over itself, or two sent over each other, and then closed.
void unix_gc_register(UnixSocket& s);     // at creation
void unix_gc_unregister(UnixSocket& s);   // at destruction
void unix_gc_count_msg(UnixMsg& m);       // m now carries descriptors
void unix_gc_uncount_msg();               // a counted message is destroyed
// Run at every socket release while messages carry descriptors; frees the unreachable cycles.
void unix_gc();
// Frees a message taken off a queue: its sender's send accounting drops (and the sender is
// woken), then its descriptors and sender reference go. Call without unix_lock().
void unix_msg_free(UnixMsg* m);
void unix_free_msgs(UnixMsgList& list);
void unix_dgram_disconnected_locked(UnixSocket& self, UnixSocket& old, UnixMsgList& dropped);
// Forgets a socket's name (unix_names.cpp). Under unix_lock().
void unix_names_remove_locked(UnixSocket& s);
// The credentials of the calling process (pid, euid, egid), for SO_PEERCRED and SCM_CREDENTIALS.
UnixCred unix_current_cred();
// Sleeps on wq until pred() holds; pred runs under unix_lock(). deadline_ns (monotonic, 0 = none)
// passing: EAGAIN. A signal: ERESTARTSYS without a deadline, EINTR with one (linux:
// sock_intr_errno()).
template <typename Pred>
Result<void> unix_wait(WaitQueue& wq, u64 deadline_ns, Pred pred) {
    auto locked = [&] {
        SpinlockGuard g(unix_lock());
        return pred();
    };
    auto r = wq.wait_interruptible(locked, deadline_ns);
    if (r.is_error()) return Error(deadline_ns ? EINTR : kErestartSys);
    if (!r.value()) return Error(EAGAIN);
    return {};
}

// The bound socket a target names (linux: unix_find_other): ECONNREFUSED when nobody listens
// there, EPROTOTYPE for another socket type. Path targets are resolved by the caller.
Result<RefPtr<UnixSocket>> unix_find(const UnixTarget& target, int type);
