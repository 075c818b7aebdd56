// SPDX-License-Identifier: MIT
// AF_UNIX names (linux: unix_bind, unix_autobind, unix_find_other, unix_getname): the registry
// of bound sockets, keyed by the inode of a filesystem name or by the bytes of an abstract one.
// Abstract names are per socket type, as Linux's hash mixes the type in: a stream and a datagram
// socket may both hold "\0name", and connect finds only the one of its own type.
#include "abi/linux/uapi.h"
#include "core/random.h"
#include "net/unix_socket.h"
#include "sync/spinlock.h"

namespace {

IntrusiveList<UnixSocket, &UnixSocket::m_name_node> g_names;   // under unix_lock()

UnixSocket* find_abstract_locked(const UnixAddr& addr, int type) {
    for (UnixSocket& s : g_names)
        if (s.m_type == type && !s.m_inode && s.m_addr.same(addr)) return &s;
    return nullptr;
}

void register_locked(UnixSocket& s, const UnixAddr& addr) {
    s.m_addr = addr;
    g_names.push_back(s);
}

}  // namespace

void unix_names_remove_locked(UnixSocket& s) {
    if (IntrusiveList<UnixSocket, &UnixSocket::m_name_node>::is_linked(s)) g_names.remove(s);
}

Result<void> UnixSocket::bind_inode(RefPtr<Inode> inode, const UnixAddr& addr) {
    SpinlockGuard g(unix_lock());
    if (m_addr.len) return Error(EINVAL);
    m_inode = move_ref(inode);
    register_locked(*this, addr);
    return {};
}

Result<void> UnixSocket::bind_abstract(const UnixAddr& addr) {
    SpinlockGuard g(unix_lock());
    if (m_addr.len) return Error(EINVAL);
    if (find_abstract_locked(addr, m_type)) return Error(EADDRINUSE);
    register_locked(*this, addr);
    return {};
}

Result<void> UnixSocket::autobind() {
    // linux: unix_autobind(): "\0" and five hex digits, from a random start.
    u32 start = 0;
    random_bytes(&start, sizeof(start));
    SpinlockGuard g(unix_lock());
    if (m_addr.len) return {};
    UnixAddr a;
    a.len = kSunPathOffset + 6;
    a.bytes[0] = kAfUnix;
    for (u32 i = 0; i <= 0xfffff; i++) {
        u32 n = (start + i) & 0xfffff;
        for (int d = 0; d < 5; d++) a.bytes[kSunPathOffset + 1 + d] = "0123456789abcdef"[(n >> (16 - 4 * d)) & 0xf];
        if (!find_abstract_locked(a, m_type)) {
            register_locked(*this, a);
            return {};
        }
    }
    return Error(ENOSPC);
}

UnixAddr UnixSocket::name() {
    SpinlockGuard g(unix_lock());
    if (m_addr.len) return m_addr;
    UnixAddr a;
    a.len = kSunPathOffset;
    a.bytes[0] = kAfUnix;
    return a;
}

Result<UnixAddr> UnixSocket::peer_name() {
    RefPtr<UnixSocket> peer;
    {
        SpinlockGuard g(unix_lock());
        if (!m_peer) return Error(ENOTCONN);
        peer = m_peer;
    }
    return peer->name();
}

Result<RefPtr<UnixSocket>> unix_find(const UnixTarget& target, int type) {
    SpinlockGuard g(unix_lock());
    if (!target.inode) {
        UnixSocket* s = find_abstract_locked(target.addr, type);
        if (!s) return Error(ECONNREFUSED);
        return RefPtr<UnixSocket>(s);
    }
    for (UnixSocket& s : g_names) {
        if (s.m_inode.ptr() != target.inode) continue;
        if (s.m_type != type) return Error(EPROTOTYPE);
        return RefPtr<UnixSocket>(&s);
    }
    return Error(ECONNREFUSED);
}
