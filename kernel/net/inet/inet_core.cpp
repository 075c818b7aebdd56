// SPDX-License-Identifier: MIT
// The inet lock, the loopback delivery loop run when it is dropped, deferred wake-ups and packet
// buffers (see inet.h).
#include "net/inet/inet.h"

#include <new>

#include "abi/linux/uapi.h"
#include "mm/kheap.h"
#include "net/inet/inet_socket.h"
#include "net/inet/netdev.h"

namespace {

constinit Spinlock g_inet_lock(LockRank::Inet, "inet");
IntrusiveList<InetSocket, &InetSocket::m_wake_node> g_wakes;
// Packets the loopback device "received": delivered when the current locked section ends, so a
// reply to a reply is a loop iteration, not a deeper call.
PacketList g_lo_backlog;

}  // namespace

void loopback_queue(Packet* p) { g_lo_backlog.push_back(*p); }

Spinlock& inet_lock() { return g_inet_lock; }

InetLocked::InetLocked() { new (m_guard) SpinlockGuard(g_inet_lock); }

InetLocked::~InetLocked() {
    while (Packet* p = g_lo_backlog.pop_front()) ip_input(p);
    reinterpret_cast<SpinlockGuard*>(m_guard)->~SpinlockGuard();
    for (;;) {
        InetSocket* s;
        {
            SpinlockGuard g(g_inet_lock);
            s = g_wakes.pop_front();
        }
        if (!s) break;
        s->wait_queue().wake_all();
        RefPtr<InetSocket>::adopt(s);   // the wake list's reference
    }
}

void inet_wake_later(InetSocket& s) {
    if (IntrusiveList<InetSocket, &InetSocket::m_wake_node>::is_linked(s)) return;
    s.ref();
    g_wakes.push_back(s);
}

Packet* packet_alloc(u32 headroom, u32 len) {
    void* mem = kmalloc(sizeof(Packet) + headroom + len);
    if (!mem) return nullptr;
    auto* p = new (mem) Packet();
    p->cap = headroom + len;
    p->off = headroom;
    p->len = len;
    return p;
}

void packet_free(Packet* p) {
    if (!p) return;
    p->~Packet();
    kfree(p);
}

void packet_free_all(PacketList& list) {
    while (Packet* p = list.pop_front()) packet_free(p);
}
