// SPDX-License-Identifier: MIT
// NETLINK_ROUTE replies: the message builder (a reply datagram filled message by message, queued on
// the asking socket) and the dumps of devices, addresses and routes in Linux's formats (linux:
// rtnl_fill_ifinfo, inet_fill_ifaddr/inet6_fill_ifaddr, rtm_fill_fib_info). Under inet_lock().
#pragma once

#include "abi/linux/netlink_uapi.h"
#include "net/inet/netlink_socket.h"
#include "net/inet/packet.h"

constexpr usize kNetlinkBatch = 8192;   // bytes of messages per reply datagram

// Builds reply messages into a datagram, starting a new one when it fills.
class NetlinkReply {
public:
    NetlinkReply(NetlinkSocket& to, const nlmsghdr& req) : m_to(to), m_req(req) {}
    ~NetlinkReply() { flush(); }
    ARAMID_NOCOPY(NetlinkReply);

    // Starts a message of type with a fixed header of hlen bytes; returns the fixed header.
    u8* begin(u16 type, u16 flags, usize hlen) {
        if (m_len + NLMSG_SPACE(hlen) + 256 > kNetlinkBatch) flush();
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
        if (!m_p) m_p = packet_alloc(0, kNetlinkBatch);
        return m_p != nullptr;
    }
    NetlinkSocket& m_to;
    nlmsghdr m_req;
    Packet* m_p = nullptr;
    u32 m_len = 0;
    u32 m_msg = 0;
};

// RTM_NEWLINK for every device; RTM_NEWADDR for their addresses of family (AF_UNSPEC: all);
// RTM_NEWROUTE for the IPv4 main table.
void netlink_dump_links(NetlinkReply& r);
void netlink_dump_addrs(NetlinkReply& r, u8 family);
void netlink_dump_routes(NetlinkReply& r);
