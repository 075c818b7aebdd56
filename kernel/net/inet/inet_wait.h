// SPDX-License-Identifier: MIT
// Sleeping on an inet socket (see inet_socket.h): the condition is checked under inet_lock().
#pragma once

#include "core/signal.h"
#include "net/inet/inet.h"
#include "sync/mutex.h"

// A socket's reader or writer mutex, given up while its holder sleeps (linux: sk_wait_data()
// releases the socket lock), so a non-blocking call by another thread is not held up.
class IoLock {
public:
    explicit IoLock(Mutex& m) : m_mutex(m) { m.lock(); }
    ~IoLock() {
        if (m_held) m_mutex.unlock();
    }
    ARAMID_NOCOPY(IoLock);
    template <typename Wait>
    auto unlocked(Wait wait) {
        m_mutex.unlock();
        m_held = false;
        auto r = wait();
        m_mutex.lock();
        m_held = true;
        return r;
    }

private:
    Mutex& m_mutex;
    bool m_held = true;
};

// deadline_ns (monotonic, 0 = none) passing: EAGAIN. A signal: ERESTARTSYS without a deadline,
// EINTR with one (linux: sock_intr_errno()).
template <typename Pred>
Result<void> inet_wait(InetSocket& s, u64 deadline_ns, Pred pred) {
    auto locked = [&] {
        SpinlockGuard g(inet_lock());
        return pred();
    };
    auto r = s.wait_queue().wait_interruptible(locked, deadline_ns);
    if (r.is_error()) return Error(deadline_ns ? EINTR : kErestartSys);
    if (!r.value()) return Error(EAGAIN);
    return {};
}
