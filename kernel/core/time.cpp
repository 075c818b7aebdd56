// SPDX-License-Identifier: MIT
#include "core/time.h"

#include <atomic>

#include "arch/cpu.h"
#include "arch/time.h"
#include "ipc/clock_timer.h"

namespace {
// Wall-clock offset from the monotonic clock, in ns; set from the RTC when first read.
std::atomic<i64> g_realtime_offset_ns{0};
std::atomic<bool> g_offset_ready{false};

i64 offset() {
    if (!g_offset_ready.load(std::memory_order_acquire)) {
        g_realtime_offset_ns.store(arch::boot_epoch_seconds() * 1'000'000'000ll);
        g_offset_ready.store(true, std::memory_order_release);
    }
    return g_realtime_offset_ns.load(std::memory_order_relaxed);
}
}  // namespace

u64 monotonic_ns() { return arch::clock_ns(); }

Timespec ns_to_timespec(u64 ns) { return Timespec{static_cast<i64>(ns / 1'000'000'000ull), static_cast<i64>(ns % 1'000'000'000ull)}; }

Timespec monotonic_now() { return ns_to_timespec(monotonic_ns()); }

Timespec realtime_now() {
    i64 ns = static_cast<i64>(monotonic_ns()) + offset();
    if (ns < 0) ns = 0;
    return ns_to_timespec(static_cast<u64>(ns));
}

void realtime_set(Timespec t) {
    offset();
    g_realtime_offset_ns.store(t.sec * 1'000'000'000ll + t.nsec - static_cast<i64>(monotonic_ns()));
    clock_timers_clock_was_set();
}
