// SPDX-License-Identifier: MIT
// The table of bound inet sockets (linux: inet_hashinfo's bind and established hashes, one list
// here: loopback traffic involves few sockets): bind conflicts, ephemeral ports, TIME-WAIT expiry.
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "net/inet/inet.h"
#include "net/inet/inet_socket.h"

namespace {

InetTable g_table;
constexpr u16 kPortLow = 32768, kPortHigh = 60999;   // linux: net.ipv4.ip_local_port_range
u32 g_port_cursor = 0;

// linux: ipv6_rcv_saddr_equal / inet_rcv_saddr_equal: whether a socket of that family bound to
// `bound` takes traffic to a.
bool covers(bool v6, bool v6only, const wire::Addr& bound, const wire::Addr& a) {
    if (!bound.is_any()) return bound == a;
    if (a.is_v4()) return !(v6 && v6only);
    return v6;
}

bool covers(const InetSocket& s, const wire::Addr& a) { return covers(s.v6(), s.m_v6only, s.m_local.addr, a); }

bool overlap(const InetSocket& s, const InetSocket& t, const wire::Addr& a) {
    return covers(s.v6(), s.m_v6only, a, t.m_local.addr) || covers(t, a);
}

bool same_proto(const InetSocket& a, const InetSocket& b) { return a.m_type == b.m_type; }

}  // namespace

InetTable& inet_table() { return g_table; }

void inet_table_add(InetSocket& s) {
    if (s.m_in_table) return;
    s.ref();
    s.m_in_table = true;
    g_table.push_back(s);
}

void inet_table_remove(InetSocket& s) {
    if (!s.m_in_table) return;
    g_table.remove(s);
    s.m_in_table = false;
    RefPtr<InetSocket>::adopt(&s);
}

bool inet_addr_matches(const InetSocket& s, const wire::Addr& dst) { return covers(s, dst); }

bool inet_bind_conflict(InetSocket& s, const InetEnd& local, bool listening) {
    for (InetSocket& t : g_table) {
        if (&t == &s || !same_proto(s, t) || t.m_local.port != local.port) continue;
        if (t.is_tcp() && t.m_cb.state == TcpState::Closed && t.m_orphan) continue;
        if (!overlap(s, t, local.addr)) continue;
        bool t_listening = t.is_tcp() && t.m_cb.state == TcpState::Listen;
        bool reuseport = s.m_reuseport && t.m_reuseport && (t.m_uid == s.m_uid || t.m_cb.state == TcpState::TimeWait);
        if (listening) {
            if (t_listening && !reuseport) return true;
            continue;
        }
        if (s.is_tcp()) {
            if (s.m_reuseaddr && t.m_reuseaddr && !t_listening) continue;
        } else if (s.m_reuseaddr && t.m_reuseaddr) {
            continue;
        }
        if (reuseport) continue;
        return true;
    }
    return false;
}

u16 inet_ephemeral_port(InetSocket& s, const wire::Addr& addr, const InetEnd*) {
    if (!g_port_cursor) g_port_cursor = static_cast<u32>(monotonic_ns() >> 10);
    u32 span = kPortHigh - kPortLow + 1;
    for (u32 i = 0; i < span; i++) {
        u16 port = static_cast<u16>(kPortLow + (g_port_cursor++ % span));
        bool used = false;
        for (InetSocket& t : g_table) {
            if (&t != &s && same_proto(s, t) && t.m_local.port == port) {
                used = true;
                break;
            }
        }
        (void)addr;
        if (!used) return port;
    }
    return 0;
}

void inet_reap_expired() {
    u64 now = monotonic_ns();
    for (InetSocket& t : g_table) {
        if (!t.is_tcp() || !t.m_expires_ns || now < t.m_expires_ns) continue;
        if (t.m_cb.state != TcpState::TimeWait && !(t.m_orphan && t.m_cb.state == TcpState::FinWait2)) continue;
        t.m_cb.state = TcpState::Closed;
        inet_table_remove(t);
    }
}
