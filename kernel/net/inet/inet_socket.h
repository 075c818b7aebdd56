// SPDX-License-Identifier: MIT
// AF_INET and AF_INET6 sockets (linux: net/ipv4/af_inet.c, net/ipv6/af_inet6.c, tcp.c, udp.c):
// SOCK_STREAM over TCP and SOCK_DGRAM over UDP. An AF_INET6 socket keeps IPv4 peers as
// v4-mapped addresses (unless IPV6_V6ONLY), so both families share one code path.
//
// Every field below is guarded by inet_lock(). Readers of one socket are serialised by m_recv_lock
// and writers by m_send_lock, so user memory is copied with the lock dropped.
#pragma once

#include "abi/linux/socket_abi.h"
#include "core/wait_queue.h"
#include "net/inet/byte_ring.h"
#include "net/inet/tcp_cb.h"
#include "net/inet/packet.h"
#include "net/socket.h"
#include "net/unix_types.h"
#include "sync/mutex.h"

struct InetEnd {
    wire::Addr addr;
    u16 port = 0;   // host order; 0: none
    bool operator==(const InetEnd&) const = default;
};

// The socket layer's view of a connection (linux: socket.state SS_*).
enum class SockConn : u8 { Unconnected, Connecting, Connected };

constexpr u32 kTcpDefaultRcvbuf = 131072;   // linux: net.ipv4.tcp_rmem[1]
constexpr u32 kTcpDefaultSndbuf = 16384;    // linux: net.ipv4.tcp_wmem[1]
constexpr u32 kUdpDefaultBuf = 212992;      // linux: net.core.[rw]mem_default
constexpr u64 kTimeWaitNs = 60ull * 1000000000;   // linux: TCP_TIMEWAIT_LEN

class InetSocket final : public Socket {
public:
    static Result<RefPtr<InetSocket>> create(int family, int type, int protocol);
    ~InetSocket() override;
    ARAMID_NOCOPY(InetSocket);

    u32 poll() override;
    WaitQueue& wait_queue() override { return m_wq; }
    void file_closed() override;
    Result<usize> read(const IoBuffer& buf, bool nonblock) override;
    Result<usize> write(const IoBuffer& buf, bool nonblock) override;
    Result<long> ioctl(unsigned cmd, uptr arg) override;

    Result<void> op_bind(const u8* sa, usize len) override;
    Result<void> op_connect(const u8* sa, usize len, bool nonblock) override;
    Result<void> op_listen(int backlog) override;
    Result<RefPtr<Socket>> op_accept(bool nonblock, UnixAddr* peer) override;
    Result<void> op_shutdown(int how) override;
    Result<UnixAddr> op_name(bool peer) override;
    Result<usize> op_send(const DataIter& data, const u8* sa, usize salen, u32 flags, bool nonblock) override;
    Result<usize> op_recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) override;
    Result<void> op_setsockopt(int level, int name, const u8* val, usize len) override;
    Result<usize> op_getsockopt(int level, int name, u8* out, usize cap) override;

    bool is_tcp() const { return m_type == kSockStream; }
    bool is_raw() const { return m_type == kSockRaw; }
    // What the socket's owner sees as CLOSED (linux: a connection entering TIME-WAIT hands it to a
    // separate timewait entry and the socket itself is closed).
    bool tcp_closed_for_user() const { return m_cb.state == TcpState::Closed || m_cb.state == TcpState::TimeWait; }
    bool v6() const { return m_family == kAfInet6; }

    // --- state (inet_lock) ---
    int m_protocol = 0;
    InetEnd m_local;           // bound address and port (port 0: unbound)
    InetEnd m_remote;          // connected peer (port 0: none)
    bool m_in_table = false;   // in the port table (holds a reference)
    bool m_in_raw = false;     // a raw socket in the raw list instead (holds a reference)
    u32 m_icmp_filter = 0;     // ICMP_FILTER: ICMP types (below 32) a raw ICMP socket does not get
    ListNode m_table_node;
    ListNode m_wake_node;      // in the pending wake-up list (holds a reference)
    SockConn m_conn = SockConn::Unconnected;
    u8 m_shutdown = 0;         // kRcvShutdown | kSendShutdown
    int m_err = 0;             // SO_ERROR
    bool m_orphan = false;     // the File is gone; the connection finishes on its own
    bool m_done = false;       // the peer's FIN arrived (linux: SOCK_DONE)
    bool m_bind_addr_lock = false, m_bind_port_lock = false;   // bind() chose them (linux: SOCK_BIND*_LOCK)
    // Options.
    bool m_reuseaddr = false, m_reuseport = false, m_keepalive = false, m_nodelay = false;
    bool m_v6only = false, m_broadcast = false, m_linger = false, m_cork = false;
    bool m_oobinline = false, m_dontroute = false;
    int m_linger_secs = 0;
    int m_ttl = -1;            // IP_TTL / IPV6_UNICAST_HOPS; -1: the default (64)
    int m_tos = 0;
    int m_user_mss = 0;
    int m_rcvlowat = 1;
    int m_priority = 0;
    u32 m_sndbuf, m_rcvbuf;    // as getsockopt reports them
    u64 m_rcvtimeo_ns = 0, m_sndtimeo_ns = 0;
    u32 m_uid = 0;
    // UDP: datagrams received.
    PacketList m_rxq;
    u32 m_rx_bytes = 0;
    // TCP.
    TcpCb m_cb;
    ByteRing m_rx;             // bytes received, not yet read
    ByteRing m_tx;             // bytes written, not yet acknowledged (the first m_cb.data_in_flight() are sent)
    u64 m_expires_ns = 0;      // TIME-WAIT or orphaned FIN-WAIT-2: when the entry goes
    bool m_rtx = false;        // the peer is off this host: segments can be lost, the timer runs
    TcpRto m_rto;
    u64 m_rtx_deadline_ns = 0; // when the retransmission timer fires (0: not armed)
    u8 m_retries = 0;          // expiries without progress
    u8 m_dupacks = 0;          // duplicate ACKs in a row (three: fast retransmit)
    PacketList m_ooo;          // segments that arrived after a hole, whole (TCP header on), unsorted
    // Listening.
    ListNode m_accept_node;    // in the listener's accept queue (holds a reference)
    IntrusiveList<InetSocket, &InetSocket::m_accept_node> m_accept_q;
    u32 m_backlog = 0;
    InetSocket* m_listener = nullptr;   // a connection not yet accepted: its listener
    PacketList m_syn_wait;     // SYNs that found the accept queue full (replayed by accept)

    WaitQueue m_wq;
    Mutex m_recv_lock{"inet-recv"};
    Mutex m_send_lock{"inet-send"};

    InetSocket(int family, int type) : Socket(family, type) {}
};

InetSocket* inet_socket(Socket& s);

// Sockets by port (inet_table.cpp). Under inet_lock().
using InetTable = IntrusiveList<InetSocket, &InetSocket::m_table_node>;
InetTable& inet_table();
void inet_table_add(InetSocket& s);      // takes a reference
void inet_table_remove(InetSocket& s);   // drops it (may free s)
// Whether binding s to local would clash (EADDRINUSE).
bool inet_bind_conflict(InetSocket& s, const InetEnd& local, bool listening);
// A free port in ip_local_port_range for s at addr (0: none left).
u16 inet_ephemeral_port(InetSocket& s, const wire::Addr& addr, const InetEnd* remote);
// Whether the socket's bound address accepts traffic to dst.
bool inet_addr_matches(const InetSocket& s, const wire::Addr& dst);
// Forgets TIME-WAIT entries whose time is up.
void inet_reap_expired();

// Addresses (inet_addr.cpp).
// Parses a sockaddr_in / sockaddr_in6 for socket s: EINVAL (short), EAFNOSUPPORT (family).
Result<InetEnd> inet_parse_sockaddr(const InetSocket& s, const u8* sa, usize len, bool allow_unspec);
UnixAddr inet_make_sockaddr(const InetSocket& s, const InetEnd& e);
// The TTL / hop limit of the socket's packets.
u8 inet_ttl(const InetSocket& s);

// Waits on s's queue until pred() (run under inet_lock()) holds; as unix_wait.
template <typename Pred>
Result<void> inet_wait(InetSocket& s, u64 deadline_ns, Pred pred);

// TCP (tcp_*.cpp). Under inet_lock() unless said otherwise.
Result<void> tcp_connect(InetSocket& s, const InetEnd& to, bool nonblock);
Result<void> tcp_listen(InetSocket& s, int backlog);
Result<RefPtr<InetSocket>> tcp_accept(InetSocket& s, bool nonblock);
void tcp_shutdown_send(InetSocket& s);
// connect(AF_UNSPEC), shutdown of a listener or connecting socket: abort to CLOSED (RST if synchronized).
void tcp_disconnect(InetSocket& s);
void tcp_close(InetSocket& s);
void tcp_output(InetSocket& s);
Result<usize> tcp_send(InetSocket& s, const DataIter& data, u32 flags, bool nonblock);   // unlocked
Result<usize> tcp_recv(InetSocket& s, const DataIter& data, u32 flags, bool nonblock);   // unlocked
u32 tcp_poll(InetSocket& s);
u16 tcp_our_mss(const InetSocket& s);
// A datagram's payload copied from the caller into a new packet (headroom left for the headers
// to come): EMSGSIZE past max bytes, ENOBUFS, or the copy's EFAULT. Unlocked.
Result<Packet*> packet_from_user(const DataIter& data, u32 max, u32 headroom);
// UDP (udp.cpp).
Result<usize> udp_send(InetSocket& s, const DataIter& data, const InetEnd* to, u32 flags, bool nonblock);   // unlocked
Result<usize> udp_recv(InetSocket& s, const DataIter& data, u32 flags, bool nonblock, RecvInfo& info);      // unlocked
u32 udp_poll(InetSocket& s);
// Raw IPv4 sockets (raw.cpp; linux: net/ipv4/raw.c), ICMP only: a message sent is the ICMP
// header and data (the kernel adds the IP header); each ICMP datagram received is queued whole,
// IP header first, on every raw socket it matches. Receiving and polling are UDP's.
void raw_add(InetSocket& s);      // under inet_lock()
void raw_remove(InetSocket& s);   // under inet_lock()
void raw_deliver(Packet* p, const wire::IpHeader& ip);   // p at the ICMP header; under inet_lock()
Result<usize> raw_send(InetSocket& s, const DataIter& data, const InetEnd* to);   // unlocked
void udp_icmp_error(const wire::Addr& local, u16 lport, const wire::Addr& remote, u16 rport, int err);

#include "net/inet/inet_wait.h"
