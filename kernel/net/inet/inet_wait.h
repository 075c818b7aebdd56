// SPDX-License-Identifier: MIT
// Sleeping on an inet socket (see inet_socket.h): the condition is checked under inet_lock().
#pragma once

#include "core/signal.h"
#include "net/inet/inet.h"

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
