// SPDX-License-Identifier: MIT
// The network thread (linux: NET_RX softirq and the TCP/neighbour timers, as one kernel thread).
// A device's interrupt only kicks it: frames are taken off the rings and run through the stack
// here, in thread context under inet_lock(), so no protocol code ever runs in an interrupt and
// the lock never needs to keep interrupts out. It also ticks the retransmission and ARP timers.
// The thread exists once an Ethernet device does: a loopback-only machine has no timers to run.
#include <atomic>

#include "core/log.h"
#include "core/sched.h"
#include "core/thread.h"
#include "core/time.h"
#include "core/wait_queue.h"
#include "net/inet/arp.h"
#include "net/inet/inet.h"
#include "net/inet/netdev.h"
#include "net/inet/tcp_internal.h"

namespace {

constexpr u64 kTickNs = 50'000'000;   // the timers' granularity (RTOs are 200 ms and up)

std::atomic<bool> g_kick{false};
std::atomic<bool> g_started{false};

WaitQueue& net_wq() {
    static WaitQueue q;
    return q;
}

void net_thread(void*) {
    for (;;) {
        net_wq().wait_until([] { return g_kick.exchange(false, std::memory_order_acq_rel); },
                            arch::clock_ns() + kTickNs);
        InetLocked g;
        for (usize i = 0; i < netdev_count(); i++) {
            NetDevice& d = *netdev_at(i);
            if (d.poll) d.poll(d);
        }
        u64 now = monotonic_ns();
        arp_tick(now);
        tcp_timers(now);
    }
}

}  // namespace

void netdev_rx_kick() {
    g_kick.store(true, std::memory_order_release);
    net_wq().wake_all();
}

void netdev_start_thread() {
    net_wq();   // constructed here, never first in an interrupt
    if (g_started.exchange(true)) return;
    auto t = Thread::create("net", net_thread, nullptr);
    if (t.is_error()) {
        log_err("net: no network thread (errno %d): devices will not receive", t.error_code());
        return;
    }
    sched_start(t.value());
    t.value()->unref();
}
