// SPDX-License-Identifier: MIT
// /proc/net: dev, tcp, tcp6, udp, udp6 in Linux 6.1's formats (net/core/net-procfs.c dev_seq_show,
// net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock, net/ipv4/udp.c
// udp4_format_sock, net/ipv6/datagram.c __ip6_dgram_sock_seq_show). Timers, retransmissions and
// congestion control do not exist here: those columns show an idle connection's values.
#include "abi/linux/socket_abi.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/seq_buf.h"
#include "lib/format.h"
#include "net/inet/arp.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"
#include "net/inet/netdev.h"
#include "net/inet/route.h"

namespace {

constexpr usize kTcpLineWidth = 149;   // linux: TMPSZ - 1
constexpr usize kUdpLineWidth = 127;

// linux: include/net/tcp_states.h.
u32 linux_tcp_state(TcpState s) {
    switch (s) {
    case TcpState::Established: return 1;
    case TcpState::SynSent: return 2;
    case TcpState::SynRcvd: return 3;
    case TcpState::FinWait1: return 4;
    case TcpState::FinWait2: return 5;
    case TcpState::TimeWait: return 6;
    case TcpState::Closed: return 7;
    case TcpState::CloseWait: return 8;
    case TcpState::LastAck: return 9;
    case TcpState::Listen: return 10;
    case TcpState::Closing: return 11;
    }
    return 7;
}

// A network-order 32-bit word as Linux prints it with %08X on a little-endian machine.
u32 le_word(const u8* p) { return u32(p[0]) | u32(p[1]) << 8 | u32(p[2]) << 16 | u32(p[3]) << 24; }

void put_addr(SeqBuf& out, const wire::Addr& a, u16 port, bool v6) {
    if (v6) {
        out.appendf("%08X%08X%08X%08X:%04X", le_word(a.b), le_word(a.b + 4), le_word(a.b + 8), le_word(a.b + 12), port);
    } else {
        out.appendf("%08X:%04X", le_word(a.b + 12), port);
    }
}

void show_tcp(SeqBuf& out, bool v6) {
    if (v6)
        out.append("  sl  local_address                         remote_address                        st tx_queue "
                   "rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    else
        out.appendf("%-*s\n", static_cast<int>(kTcpLineWidth),
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode");
    SpinlockGuard g(inet_lock());
    int i = 0;
    // Linux walks the listening hash, then the established one (TIME-WAIT entries are there too).
    for (int pass = 0; pass < 2; pass++) {
        for (InetSocket& s : inet_table()) {
            if (!s.is_tcp() || s.v6() != v6) continue;
            TcpState st = s.m_cb.state;
            if (st == TcpState::Closed || (pass == 0) != (st == TcpState::Listen)) continue;
            usize start = out.length();
            out.appendf("%4d: ", i++);
            put_addr(out, s.m_local.addr, s.m_local.port, v6);
            out.putc(' ');
            put_addr(out, s.m_remote.addr, st == TcpState::Listen ? 0 : s.m_remote.port, v6);
            if (st == TcpState::TimeWait && s.m_orphan) {
                out.appendf(" 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0000000000000000");
            } else {
                bool listen = st == TcpState::Listen;
                u32 tx = listen ? 0 : s.m_tx.size();
                u32 rx = listen ? static_cast<u32>(s.m_accept_q.size()) : s.m_rx.size();
                out.appendf(" %02X %08X:%08X 00:00000000 00000000 %5u %8d %llu %d 0000000000000000 20 4 0 10 %d",
                            linux_tcp_state(st), tx, rx, s.m_uid, 0, static_cast<unsigned long long>(s.m_ino),
                            s.ref_count() > 1 ? 2 : 1, listen ? 0 : -1);
            }
            if (!v6) out.pad_to_column(start, kTcpLineWidth);
            out.putc('\n');
        }
    }
}

void show_udp(SeqBuf& out, bool v6) {
    if (v6)
        out.append("  sl  local_address                         remote_address                        st tx_queue "
                   "rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
    else
        out.appendf("%-*s\n", static_cast<int>(kUdpLineWidth),
                    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
                    "inode ref pointer drops");
    SpinlockGuard g(inet_lock());
    for (InetSocket& s : inet_table()) {
        if (s.is_tcp() || s.v6() != v6) continue;
        usize start = out.length();
        // linux: the first column is the socket's bucket in the UDP hash (port & mask).
        out.appendf("%5d: ", s.m_local.port & 127);
        put_addr(out, s.m_local.addr, s.m_local.port, v6);
        out.putc(' ');
        put_addr(out, s.m_remote.addr, s.m_remote.port, v6);
        out.appendf(" %02X %08X:%08X 00:00000000 00000000 %5u %8d %llu %d 0000000000000000 %u",
                    s.m_conn == SockConn::Connected ? 1 : 7, 0, s.m_rx_bytes, s.m_uid, 0,
                    static_cast<unsigned long long>(s.m_ino), 2, 0);
        if (!v6) out.pad_to_column(start, kUdpLineWidth);
        out.putc('\n');
    }
}

}  // namespace

namespace {

PROC_SHOW(proc_show_net_dev) {
    out.append("Inter-|   Receive                                                |  Transmit\n");
    out.append(" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
               "carrier compressed\n");
    SpinlockGuard g(inet_lock());
    for (usize i = 0; i < netdev_count(); i++) {
        NetDevice& d = *netdev_at(i);
        out.appendf("%6s: %7llu %7llu %4u %4llu %4u %5u %10u %9u %8llu %7llu %4u %4llu %4u %5u %7u %10u\n", d.name,
                    static_cast<unsigned long long>(d.rx_bytes), static_cast<unsigned long long>(d.rx_packets), 0,
                    static_cast<unsigned long long>(d.rx_dropped), 0, 0, 0, 0,
                    static_cast<unsigned long long>(d.tx_bytes), static_cast<unsigned long long>(d.tx_packets), 0,
                    static_cast<unsigned long long>(d.tx_dropped), 0, 0, 0, 0);
    }
    return out.status();
}

// linux: net/ipv4/fib_trie.c fib_route_seq_show(): the main table's unicast routes in key order,
// each line padded to 127 columns; addresses are network-order words printed with %08X.
PROC_SHOW(proc_show_net_route) {
    out.appendf("%-127s\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT");
    SpinlockGuard g(inet_lock());
    V4Route all[kRouteListMax];
    usize n = route_collect(all, kRouteListMax);
    for (usize i = 0; i < n; i++) {
        const V4Route& r = all[i];
        u8 dst[4], gw[4], mask[4];
        wire::put32(dst, r.dst);
        wire::put32(gw, r.gateway);
        wire::put32(mask, r.mask);
        char line[160];
        usize len = format(line, sizeof(line), "%s\t%08X\t%08X\t%04X\t%d\t%u\t%u\t%08X\t%d\t%u\t%u", r.dev->name,
                           le_word(dst), le_word(gw), 0x1 | (r.gateway ? 0x2 : 0), 0, 0, r.metric, le_word(mask),
                           0, 0, 0);
        out.appendf("%-127s\n", len < sizeof(line) ? line : "");
    }
    return out.status();
}

// linux: net/ipv4/arp.c arp_seq_show(): flags 0x2 (ATF_COM) once resolved, 0x0 while incomplete.
PROC_SHOW(proc_show_net_arp) {
    out.append("IP address       HW type     Flags       HW address            Mask     Device\n");
    SpinlockGuard g(inet_lock());
    NeighbourView all[kArpCacheSize];
    usize n = arp_snapshot(all, kArpCacheSize);
    for (usize i = 0; i < n; i++) {
        const NeighbourView& e = all[i];
        char ip[16], mac[18];
        format(ip, sizeof(ip), "%u.%u.%u.%u", e.ip >> 24, (e.ip >> 16) & 0xff, (e.ip >> 8) & 0xff, e.ip & 0xff);
        format(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", e.mac[0], e.mac[1], e.mac[2], e.mac[3], e.mac[4],
               e.mac[5]);
        out.appendf("%-16s 0x%-10x0x%-10x%-17s     %-8s %s\n", ip, kArphrdEther, e.resolved ? 0x2 : 0x0, mac, "*",
                    e.dev->name);
    }
    return out.status();
}

PROC_SHOW(proc_show_net_tcp) {
    show_tcp(out, false);
    return out.status();
}

PROC_SHOW(proc_show_net_tcp6) {
    show_tcp(out, true);
    return out.status();
}

PROC_SHOW(proc_show_net_udp) {
    show_udp(out, false);
    return out.status();
}

PROC_SHOW(proc_show_net_udp6) {
    show_udp(out, true);
    return out.status();
}

constexpr u32 kRo = S_IFREG | 0444;

}  // namespace

// linux: the entries of /proc/<pid>/net in proc_net's directory order (creation order).
constinit const ProcEntry kProcNetEntries[kProcNetCount] = {
    {"dev", kRo, ProcKind::File, proc_show_net_dev},
    {"tcp", kRo, ProcKind::File, proc_show_net_tcp},
    {"udp", kRo, ProcKind::File, proc_show_net_udp},
    {"tcp6", kRo, ProcKind::File, proc_show_net_tcp6},
    {"udp6", kRo, ProcKind::File, proc_show_net_udp6},
    {"route", kRo, ProcKind::File, proc_show_net_route},
    {"arp", kRo, ProcKind::File, proc_show_net_arp},
};
