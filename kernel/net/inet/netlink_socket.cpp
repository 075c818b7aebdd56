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
#include "net/inet/route.h"
#include "net/sock_options.h"
#include "sync/mutex.h"

namespace {

constexpr int kSolNetlink = 270;   // SOL_NETLINK (in libc's <sys/socket.h>, not the UAPI headers)

IntrusiveList<NetlinkSocket, &NetlinkSocket::m_node> g_ports;
i32 g_rover = -4096;   // linux: netlink_autobind() counts down from here when the tgid is taken

constexpr u32 kIffLowerUp = 0x10000;
constexpr usize kBatch = 8192;         // bytes of messages per reply datagram

bool port_taken(i32 id) {
    for (NetlinkSocket& s : g_ports)
        if (s.m_portid == id) return true;
    return false;
}

// Builds reply messages into a datagram, starting a new one when it fills.
class Reply {
public:
    Reply(NetlinkSocket& to, const nlmsghdr& req) : m_to(to), m_req(req) {}
    ~Reply() { flush(); }
    ARAMID_NOCOPY(Reply);

    // Starts a message of type with a fixed header of hlen bytes; returns the fixed header.
    u8* begin(u16 type, u16 flags, usize hlen) {
        if (m_len + NLMSG_SPACE(hlen) + 256 > kBatch) flush();
        if (!ensure()) return nullptr;
        m_msg = m_len;
        auto* h = reinterpret_cast<nlmsghdr*>(m_p->buf() + m_len);
        h->nlmsg_type = type;
        h->nlmsg_flags = flags;
        h->nlmsg_seq = m_req.nlmsg_seq;
        h->nlmsg_pid = static_cast<u32>(m_to.m_portid);
        m_len += NLMSG_HDRLEN;
        u8* body = m_p->buf() + m_len;
        __builtin_memset(body, 0, NLMSG_ALIGN(hlen));
        m_len += static_cast<u32>(NLMSG_ALIGN(hlen));
        return body;
    }
    void attr(u16 type, const void* data, usize n) {
        if (!m_p) return;
        auto* a = reinterpret_cast<rtattr*>(m_p->buf() + m_len);
        a->rta_type = type;
        a->rta_len = static_cast<u16>(RTA_LENGTH(n));
        __builtin_memcpy(RTA_DATA(a), data, n);
        usize pad = RTA_SPACE(n) - RTA_LENGTH(n);
        __builtin_memset(static_cast<u8*>(RTA_DATA(a)) + n, 0, pad);
        m_len += static_cast<u32>(RTA_SPACE(n));
    }
    void attr32(u16 type, u32 v) { attr(type, &v, sizeof(v)); }
    void attr8(u16 type, u8 v) { attr(type, &v, sizeof(v)); }
    void end() {
        if (!m_p) return;
        reinterpret_cast<nlmsghdr*>(m_p->buf() + m_msg)->nlmsg_len = m_len - m_msg;
    }
    void flush() {
        if (!m_p) return;
        m_p->len = m_len;
        m_to.m_rxq.push_back(*m_p);
        m_p = nullptr;
        m_len = 0;
    }

private:
    bool ensure() {
        if (!m_p) m_p = packet_alloc(0, kBatch);
        return m_p != nullptr;
    }
    NetlinkSocket& m_to;
    nlmsghdr m_req;
    Packet* m_p = nullptr;
    u32 m_len = 0;
    u32 m_msg = 0;
};

usize name_len(const char* n) {
    usize i = 0;
    while (n[i]) i++;
    return i + 1;
}

void dump_links(Reply& r) {
    for (usize i = 0; i < netdev_count(); i++) {
        NetDevice& d = *netdev_at(i);
        bool ether = d.hw_type == kArphrdEther;
        auto* ifi = reinterpret_cast<ifinfomsg*>(r.begin(RTM_NEWLINK, NLM_F_MULTI, sizeof(ifinfomsg)));
        if (!ifi) return;
        ifi->ifi_family = kAfUnspec;
        ifi->ifi_type = d.hw_type;
        ifi->ifi_index = d.index;
        ifi->ifi_flags = d.flags | (netdev_is_up(d) ? kIffLowerUp : 0);
        r.attr(IFLA_IFNAME, d.name, name_len(d.name));
        r.attr32(IFLA_TXQLEN, 1000);
        // linux: IF_OPER_UNKNOWN for lo (no carrier reporting), IF_OPER_UP for a NIC with carrier.
        r.attr8(IFLA_OPERSTATE, netdev_is_up(d) ? (ether ? 6 : 0) : 2 /* IF_OPER_DOWN */);
        r.attr8(IFLA_LINKMODE, 0);
        r.attr32(IFLA_MTU, d.mtu);
        u8 bcast[6];
        __builtin_memset(bcast, ether ? 0xff : 0, sizeof(bcast));
        r.attr(IFLA_ADDRESS, d.hw_addr, sizeof(d.hw_addr));
        r.attr(IFLA_BROADCAST, bcast, sizeof(bcast));
        r.end();
    }
}

void dump_dev_addrs(Reply& r, NetDevice& d, u8 family) {
    bool ether = d.hw_type == kArphrdEther;
    if (!ether && !netdev_is_up(d)) return;   // lo's addresses come with IFF_UP (netdev.cpp)
    if (d.has_v4 && (family == kAfUnspec || family == kAfInet)) {
        auto* ifa = reinterpret_cast<ifaddrmsg*>(r.begin(RTM_NEWADDR, NLM_F_MULTI, sizeof(ifaddrmsg)));
        if (!ifa) return;
        ifa->ifa_family = kAfInet;
        ifa->ifa_prefixlen = static_cast<u8>(__builtin_popcount(d.v4_mask));
        ifa->ifa_flags = IFA_F_PERMANENT;
        ifa->ifa_scope = ether ? RT_SCOPE_UNIVERSE : RT_SCOPE_HOST;
        ifa->ifa_index = static_cast<u32>(d.index);
        u8 a[4];
        wire::put32(a, d.v4_addr);
        r.attr(IFA_ADDRESS, a, 4);
        r.attr(IFA_LOCAL, a, 4);
        if (ether) {
            u8 b[4];
            wire::put32(b, d.v4_broadcast);
            r.attr(IFA_BROADCAST, b, 4);
        }
        r.attr(IFA_LABEL, d.name, name_len(d.name));
        r.attr32(IFA_FLAGS, IFA_F_PERMANENT);
        r.end();
    }
    if (d.has_v6 && (family == kAfUnspec || family == kAfInet6)) {
        auto* ifa = reinterpret_cast<ifaddrmsg*>(r.begin(RTM_NEWADDR, NLM_F_MULTI, sizeof(ifaddrmsg)));
        if (!ifa) return;
        ifa->ifa_family = kAfInet6;
        ifa->ifa_prefixlen = 128;
        ifa->ifa_flags = IFA_F_PERMANENT;
        ifa->ifa_scope = RT_SCOPE_HOST;
        ifa->ifa_index = static_cast<u32>(d.index);
        r.attr(IFA_ADDRESS, d.v6_addr.b, 16);
        r.attr32(IFA_FLAGS, IFA_F_PERMANENT);
        r.end();
    }
}

void dump_addrs(Reply& r, u8 family) {
    // linux: the IPv4 addresses of every device, then the IPv6 ones (inet_dump_ifaddr, inet6_dump_addr).
    for (u8 f : {u8(kAfInet), u8(kAfInet6)})
        if (family == kAfUnspec || family == f)
            for (usize i = 0; i < netdev_count(); i++) dump_dev_addrs(r, *netdev_at(i), f);
}

// linux: rtm_fill_fib_info() for the main table's routes (fib_trie order, as route_collect gives).
void dump_routes(Reply& r) {
    V4Route all[kRouteListMax];
    usize n = route_collect(all, kRouteListMax);
    for (usize i = 0; i < n; i++) {
        const V4Route& rt = all[i];
        auto* m = reinterpret_cast<rtmsg*>(r.begin(RTM_NEWROUTE, NLM_F_MULTI, sizeof(rtmsg)));
        if (!m) return;
        m->rtm_family = kAfInet;
        m->rtm_dst_len = static_cast<u8>(__builtin_popcount(rt.mask));
        m->rtm_table = RT_TABLE_MAIN;
        m->rtm_protocol = rt.connected ? RTPROT_KERNEL : RTPROT_BOOT;
        m->rtm_scope = rt.connected || !rt.gateway ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        m->rtm_type = RTN_UNICAST;
        r.attr32(RTA_TABLE, RT_TABLE_MAIN);
        u8 a[4];
        if (m->rtm_dst_len) {
            wire::put32(a, rt.dst);
            r.attr(RTA_DST, a, 4);
        }
        if (rt.metric) r.attr32(RTA_PRIORITY, rt.metric);
        if (rt.connected) {
            wire::put32(a, rt.dev->v4_addr);
            r.attr(RTA_PREFSRC, a, 4);
        }
        if (rt.gateway) {
            wire::put32(a, rt.gateway);
            r.attr(RTA_GATEWAY, a, 4);
        }
        r.attr32(RTA_OIF, static_cast<u32>(rt.dev->index));
        r.end();
    }
}

void error_reply(Reply& r, const nlmsghdr& req, int err) {
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
            Reply r(*this, h);
            bool dumpable = h.nlmsg_type == RTM_GETLINK || h.nlmsg_type == RTM_GETADDR || h.nlmsg_type == RTM_GETROUTE;
            if (dump && dumpable) {
                u8 family = body >= 1 ? payload[0] : kAfUnspec;
                if (h.nlmsg_type == RTM_GETLINK) dump_links(r);
                else if (h.nlmsg_type == RTM_GETADDR) dump_addrs(r, family);
                else if (family == kAfUnspec || family == kAfInet) dump_routes(r);
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
