// SPDX-License-Identifier: MIT
// Collecting AF_UNIX sockets that only descriptors in flight keep alive (linux:
// net/unix/garbage.c, the behaviour, not the code). A socket whose File was sent in an
// SCM_RIGHTS message over a socket that is itself unreachable (the simplest case: sent over
// itself, then closed) would never be released: its queue holds the only reference to it.
//
// A pass runs under unix_lock(), so no queue changes meanwhile:
//  1. count, for every socket, the references to its File inside queued messages;
//  2. candidates are the sockets whose File has no other reference;
//  3. a candidate is alive when some of those references sit in a non-candidate's queue, and
//     so is everything reachable from a live candidate through its queues;
//  4. the queues of the other candidates are emptied; freeing those messages (after the lock)
//     drops the cycle's references and the ordinary release path frees the rest.
// A File only ever gains a reference from outside the in-flight set by being received, which
// takes the lock, and the receiving socket is itself no candidate, so its messages keep their
// targets alive: a pass cannot free what a receiver is about to take.
#include <atomic>

#include "net/socket_file.h"
#include "net/unix_socket.h"

namespace {

// Every socket, under unix_lock().
alignas(IntrusiveList<UnixSocket, &UnixSocket::m_all_node>) u8 g_all_storage[sizeof(
    IntrusiveList<UnixSocket, &UnixSocket::m_all_node>)];
bool g_all_ready;
IntrusiveList<UnixSocket, &UnixSocket::m_all_node>& all_sockets() {
    if (!g_all_ready) {
        new (g_all_storage) IntrusiveList<UnixSocket, &UnixSocket::m_all_node>();
        g_all_ready = true;
    }
    return *reinterpret_cast<IntrusiveList<UnixSocket, &UnixSocket::m_all_node>*>(g_all_storage);
}

// Messages alive that carry descriptors: no pass is needed while there are none.
std::atomic<long> g_fd_msgs;
// One pass at a time; the releases a pass causes do not start another.
std::atomic<bool> g_running;

// fn(target) for every socket File referenced by a message reachable from s: its own queue and,
// for a listener, the queues of its unaccepted connections.
template <typename Fn>
void for_each_inflight(UnixSocket& s, Fn&& fn) {
    auto scan = [&](UnixSocket& q) {
        for (UnixMsg& m : q.m_rxq) {
            for (u32 i = 0; i < m.fds.size(); i++) {
                File* f = m.fds[i].ptr();
                if (UnixSocket* t = f ? unix_socket(socket_of(*f)) : nullptr) fn(*t, f);
            }
        }
    };
    scan(s);
    for (UnixSocket& e : s.m_accept_q) scan(e);
}

void purge_locked(UnixSocket& s, UnixMsgList& out) {
    while (UnixMsg* m = s.m_rxq.pop_front()) out.push_back(*m);
    s.m_rx_bytes = 0;
}

}  // namespace

void unix_gc_register(UnixSocket& s) {
    SpinlockGuard g(unix_lock());
    all_sockets().push_back(s);
}

void unix_gc_unregister(UnixSocket& s) {
    SpinlockGuard g(unix_lock());
    if (all_sockets().is_linked(s)) all_sockets().remove(s);
}

void unix_gc_count_msg(UnixMsg& m) {
    if (!m.fds.size() || m.gc_counted) return;
    m.gc_counted = true;
    g_fd_msgs.fetch_add(1, std::memory_order_relaxed);
}

void unix_gc_uncount_msg() { g_fd_msgs.fetch_sub(1, std::memory_order_relaxed); }

void unix_gc() {
    if (g_fd_msgs.load(std::memory_order_relaxed) == 0) return;
    if (g_running.exchange(true, std::memory_order_acquire)) return;
    UnixMsgList garbage;
    {
        SpinlockGuard g(unix_lock());
        auto& all = all_sockets();
        for (UnixSocket& s : all) {
            s.m_gc_inflight = s.m_gc_internal = 0;
            s.m_gc_candidate = s.m_gc_alive = s.m_gc_scanned = false;
            s.m_gc_file = nullptr;
        }
        for (UnixSocket& s : all) {
            for (UnixMsg& m : s.m_rxq) {
                for (u32 i = 0; i < m.fds.size(); i++) {
                    File* f = m.fds[i].ptr();
                    if (UnixSocket* t = f ? unix_socket(socket_of(*f)) : nullptr) {
                        t->m_gc_inflight++;
                        t->m_gc_file = f;
                    }
                }
            }
        }
        bool any = false;
        for (UnixSocket& s : all) {
            s.m_gc_candidate = s.m_gc_inflight && s.m_gc_file->ref_count() == s.m_gc_inflight;
            any |= s.m_gc_candidate;
        }
        if (any) {
            for (UnixSocket& s : all) {
                if (!s.m_gc_candidate) continue;
                for_each_inflight(s, [](UnixSocket& t, File*) {
                    if (t.m_gc_candidate) t.m_gc_internal++;
                });
            }
            for (UnixSocket& s : all) s.m_gc_alive = s.m_gc_candidate && s.m_gc_inflight > s.m_gc_internal;
            // Spread liveness until nothing changes (the sets are small; no allocation under the lock).
            for (bool changed = true; changed;) {
                changed = false;
                for (UnixSocket& s : all) {
                    if (!s.m_gc_alive || s.m_gc_scanned) continue;
                    s.m_gc_scanned = true;
                    for_each_inflight(s, [&](UnixSocket& t, File*) {
                        if (t.m_gc_candidate && !t.m_gc_alive) {
                            t.m_gc_alive = true;
                            changed = true;
                        }
                    });
                }
            }
            for (UnixSocket& s : all) {
                if (!s.m_gc_candidate || s.m_gc_alive) continue;
                purge_locked(s, garbage);
                for (UnixSocket& e : s.m_accept_q) purge_locked(e, garbage);
            }
        }
    }
    unix_free_msgs(garbage);
    g_running.store(false, std::memory_order_release);
}
