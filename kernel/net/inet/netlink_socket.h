// SPDX-License-Identifier: MIT
// AF_NETLINK sockets, NETLINK_ROUTE only, and of it only what the C libraries ask at startup and
// in getifaddrs/if_nameindex/getaddrinfo(AI_ADDRCONFIG): dumps of the links (RTM_GETLINK) and
// addresses (RTM_GETADDR) of the network devices (linux: net/netlink/af_netlink.c,
// net/core/rtnetlink.c, net/ipv4/devinet.c, net/ipv6/addrconf.c). Every other request is
// answered with an EOPNOTSUPP error message.
//
// State is guarded by inet_lock(). A request is answered while it is sent: the replies are
// queued on the sender, one datagram per message batch.
#pragma once

#include "abi/linux/socket_abi.h"
#include "core/wait_queue.h"
#include "net/inet/packet.h"
#include "net/socket.h"

class NetlinkSocket final : public Socket {
public:
    static Result<RefPtr<NetlinkSocket>> create(int type, int protocol);
    ~NetlinkSocket() override;
    ARAMID_NOCOPY(NetlinkSocket);

    u32 poll() override;
    WaitQueue& wait_queue() override { return m_wq; }
    void file_closed() override;
    Result<usize> read(const IoBuffer& buf, bool nonblock) override;
    Result<usize> write(const IoBuffer& buf, bool nonblock) override;
    Result<long> ioctl(unsigned, uptr) override { return Error(ENOTTY); }

    Result<void> op_bind(const u8* sa, usize len) override;
    Result<void> op_connect(const u8* sa, usize len, bool nonblock) override;
    Result<UnixAddr> op_name(bool peer) override;
    Result<usize> op_send(const DataIter& data, const u8* sa, usize salen, u32 flags, bool nonblock) override;
    Result<usize> op_recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) override;
    Result<void> op_setsockopt(int level, int name, const u8* val, usize len) override;
    Result<usize> op_getsockopt(int level, int name, u8* out, usize cap) override;

    ListNode m_node;       // in the port registry while bound
    i32 m_portid = 0;      // 0: not bound yet
    PacketList m_rxq;
    u32 m_rcvbuf = 212992, m_sndbuf = 212992;
    WaitQueue m_wq;

private:
    explicit NetlinkSocket(int type) : Socket(kAfNetlink, type) {}
    Result<void> bind_port(i32 portid);   // under inet_lock()
    void answer(const u8* req, usize len);   // under inet_lock()
};
