// SPDX-License-Identifier: MIT
// NETLINK_ROUTE sockets: port ids, requests and their replies (see netlink_socket.h).
#include "net/inet/netlink_socket.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/netlink_uapi.h"
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/signal.h"
#include "mm/kheap.h"
#include "net/inet/inet.h"
#include "net/inet/netdev.h"
#include "net/inet/netlink_config.h"
#include "net/inet/netlink_dump.h"
#include "net/sock_options.h"
#include "sync/mutex.h"

namespace {

constexpr int kSolNetlink = 270;   // SOL_NETLINK (in libc's <sys/socket.h>, not the UAPI headers)

IntrusiveList<NetlinkSocket, &NetlinkSocket::m_node> g_ports;
i32 g_rover = -4096;   // linux: netlink_autobind() counts down from here when the tgid is taken


bool port_taken(i32 id) {
    for (NetlinkSocket& s : g_ports)
        if (s.m_portid == id) return true;
    return false;
}


void error_reply(NetlinkReply& r, const nlmsghdr& req, int err) {
    auto* e = reinterpret_cast<nlmsgerr*>(r.begin(NLMSG_ERROR, 0, sizeof(nlmsgerr)));
    if (!e) return;
    e->error = -err;
    e->msg = req;
    r.end();
}

}  // namespace

Result<RefPtr<NetlinkSocket>> NetlinkSocket::create(int type, int protocol) {
    if (type != kSockRaw && type != kSockDgram) return Error(ESOCKTNOSUPPORT);
    if (protocol != NETLINK_ROUTE) return Error(EPROTONOSUPPORT);   // LINUX-DIVERGENCE: the other netlink families
    auto* s = new (std::nothrow) NetlinkSocket(type);
    if (!s) return Error(ENOMEM);
    return RefPtr<NetlinkSocket>::adopt(s);
}

NetlinkSocket::~NetlinkSocket() { packet_free_all(m_rxq); }

void NetlinkSocket::file_closed() {
    SpinlockGuard g(inet_lock());
    if (IntrusiveList<NetlinkSocket, &NetlinkSocket::m_node>::is_linked(*this)) g_ports.remove(*this);
    packet_free_all(m_rxq);
}

u32 NetlinkSocket::poll() {
    SpinlockGuard g(inet_lock());
    return (m_rxq.empty() ? 0 : POLLIN | POLLRDNORM) | POLLOUT | POLLWRNORM;
}

Result<usize> NetlinkSocket::read(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    RecvInfo info;
    return op_recv(d, 0, nonblock, info);
}

Result<usize> NetlinkSocket::write(const IoBuffer& buf, bool nonblock) {
    DataIter d{&buf, 1, buf.size()};
    return op_send(d, nullptr, 0, 0, nonblock);
}

Result<void> NetlinkSocket::bind_port(i32 portid) {
    if (m_portid) return portid == 0 || portid == m_portid ? Result<void>{} : Error(EINVAL);
    if (!portid) {
        Process* p = current_process();
        portid = p ? static_cast<i32>(p->pid) : 1;
        while (port_taken(portid)) portid = g_rover--;
    } else if (port_taken(portid)) {
        return Error(EADDRINUSE);
    }
    m_portid = portid;
    g_ports.push_back(*this);
    return {};
}

Result<void> NetlinkSocket::op_bind(const u8* sa, usize len) {
    sockaddr_nl a;
    if (len < sizeof(a)) return Error(EINVAL);
    __builtin_memcpy(&a, sa, sizeof(a));
    if (a.nl_family != kAfNetlink) return Error(EINVAL);
    if (a.nl_groups) return Error(EPERM);   // LINUX-DIVERGENCE: no multicast groups
    SpinlockGuard g(inet_lock());
    return bind_port(static_cast<i32>(a.nl_pid));
}

Result<void> NetlinkSocket::op_connect(const u8* sa, usize len, bool) {
    sockaddr_nl a;
    if (len < sizeof(u16)) return Error(EINVAL);
    if (len < sizeof(a)) return Error(EINVAL);
    __builtin_memcpy(&a, sa, sizeof(a));
    if (a.nl_family == kAfUnspec) return {};
    if (a.nl_family != kAfNetlink) return Error(EINVAL);
    SpinlockGuard g(inet_lock());
    return bind_port(0);
}

Result<UnixAddr> NetlinkSocket::op_name(bool peer) {
    sockaddr_nl a{};
    a.nl_family = kAfNetlink;
    if (!peer) {
        SpinlockGuard g(inet_lock());
        a.nl_pid = static_cast<u32>(m_portid);
    }
    UnixAddr out;
    out.len = sizeof(a);
    __builtin_memcpy(out.bytes, &a, sizeof(a));
    return out;
}

void NetlinkSocket::answer(const u8* req, usize len) {
    while (len >= sizeof(nlmsghdr)) {
        nlmsghdr h;
        __builtin_memcpy(&h, req, sizeof(h));
        if (h.nlmsg_len < sizeof(h) || h.nlmsg_len > len) return;
        usize body = h.nlmsg_len - NLMSG_HDRLEN;
        const u8* payload = req + NLMSG_HDRLEN;
        bool request = h.nlmsg_flags & NLM_F_REQUEST;
        usize queued = 0;
        for (Packet& q : m_rxq) queued += q.len;
        if (queued >= m_rcvbuf) return;   // linux: the reply does not fit the receive buffer and is lost
        bool dump = (h.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
        if (request) {
            NetlinkReply r(*this, h);
            bool dumpable = h.nlmsg_type == RTM_GETLINK || h.nlmsg_type == RTM_GETADDR || h.nlmsg_type == RTM_GETROUTE;
            if (dump && dumpable) {
                u8 family = body >= 1 ? payload[0] : kAfUnspec;
                if (h.nlmsg_type == RTM_GETLINK) netlink_dump_links(r);
                else if (h.nlmsg_type == RTM_GETADDR) netlink_dump_addrs(r, family);
                else if (family == kAfUnspec || family == kAfInet) netlink_dump_routes(r);
                r.flush();
                int* done = reinterpret_cast<int*>(r.begin(NLMSG_DONE, NLM_F_MULTI, sizeof(int)));
                if (done) *done = 0;
                r.end();
            } else if (int err = 0; netlink_config(h.nlmsg_type, h.nlmsg_flags, payload, body, err)) {
                if (err || (h.nlmsg_flags & NLM_F_ACK)) error_reply(r, h, err);   // err 0: the ACK
            } else {
                error_reply(r, h, EOPNOTSUPP);
            }
        }
        usize step = NLMSG_ALIGN(h.nlmsg_len);
        if (step >= len) return;
        req += step;
        len -= step;
    }
}

Result<usize> NetlinkSocket::op_send(const DataIter& data, const u8* sa, usize salen, u32, bool) {
    if (sa && salen) {
        sockaddr_nl a;
        if (salen < sizeof(a)) return Error(EINVAL);
        __builtin_memcpy(&a, sa, sizeof(a));
        if (a.nl_family != kAfNetlink) return Error(EINVAL);
        if (a.nl_pid != 0 || a.nl_groups) return Error(ECONNREFUSED);   // only the kernel answers here
    }
    if (data.total > m_sndbuf) return Error(EMSGSIZE);
    u8* buf = static_cast<u8*>(kmalloc(data.total ? data.total : 1));
    if (!buf) return Error(ENOBUFS);
    auto r = data.gather(0, buf, data.total);
    if (r.is_error()) {
        kfree(buf);
        return r.error();
    }
    {
        SpinlockGuard g(inet_lock());
        auto b = bind_port(0);
        if (!b.is_error()) answer(buf, data.total);
    }
    kfree(buf);
    m_wq.wake_all();
    return data.total;
}

Result<usize> NetlinkSocket::op_recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) {
    bool nb = nonblock || (flags & kMsgDontwait);
    Packet* p = nullptr;
    for (;;) {
        {
            SpinlockGuard g(inet_lock());
            p = m_rxq.first();
            if (p && !(flags & kMsgPeek)) m_rxq.remove(*p);
        }
        if (p) break;
        if (nb) return Error(EAGAIN);
        auto w = m_wq.wait_interruptible([&] {
            SpinlockGuard g(inet_lock());
            return !m_rxq.empty();
        });
        if (w.is_error()) return Error(kErestartSys);
    }
    // A peeked datagram stays queued; LINUX-DIVERGENCE: concurrent readers of one netlink socket
    // are not serialised.
    usize n = p->len < data.total ? p->len : data.total;
    auto r = data.scatter(0, p->buf(), n);
    usize full = p->len;
    if (!(flags & kMsgPeek)) packet_free(p);
    TRY(r);
    sockaddr_nl from{};
    from.nl_family = kAfNetlink;
    info.from.len = sizeof(from);
    __builtin_memcpy(info.from.bytes, &from, sizeof(from));
    if (full > n) info.msg_flags |= kMsgTrunc;
    return (flags & kMsgTrunc) ? full : n;
}

Result<void> NetlinkSocket::op_setsockopt(int level, int name, const u8* val, usize len) {
    if (len < sizeof(int)) return Error(EINVAL);
    int v;
    __builtin_memcpy(&v, val, sizeof(v));
    SpinlockGuard g(inet_lock());
    if (level == SOL_SOCKET) {
        switch (name) {
        case SO_RCVBUF: m_rcvbuf = sock_doubled(v, kSockMinRcvbuf); return {};
        case SO_SNDBUF: m_sndbuf = sock_doubled(v, kSockMinSndbuf); return {};
        case SO_PASSCRED:
        case SO_RCVBUFFORCE:
        case SO_SNDBUFFORCE: return {};
        default: return Error(ENOPROTOOPT);
        }
    }
    if (level == kSolNetlink) {
        switch (name) {
        case NETLINK_EXT_ACK:
        case NETLINK_GET_STRICT_CHK:
        case NETLINK_CAP_ACK:
        case NETLINK_NO_ENOBUFS: return {};   // flags that change nothing for these replies
        default: return Error(ENOPROTOOPT);
        }
    }
    return Error(ENOPROTOOPT);
}

Result<usize> NetlinkSocket::op_getsockopt(int level, int name, u8* out, usize) {
    int v;
    if (level != SOL_SOCKET) return Error(ENOPROTOOPT);
    SpinlockGuard g(inet_lock());
    switch (name) {
    case SO_TYPE: v = m_type; break;
    case SO_DOMAIN: v = kAfNetlink; break;
    case SO_PROTOCOL: v = NETLINK_ROUTE; break;
    case SO_RCVBUF: v = static_cast<int>(m_rcvbuf); break;
    case SO_SNDBUF: v = static_cast<int>(m_sndbuf); break;
    case SO_ERROR: v = 0; break;
    default: return Error(ENOPROTOOPT);
    }
    __builtin_memcpy(out, &v, sizeof(v));
    return sizeof(v);
}
