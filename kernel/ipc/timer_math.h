// SPDX-License-Identifier: MIT
// The arithmetic of interval timers shared by timerfd and the POSIX timers: nanosecond values
// from timespecs (saturating as Linux's ktime), and moving an expired timer's expiry forward by
// whole intervals while counting the expirations it skipped (linux: hrtimer_forward()).
// Pure: host-tested in tests/host/timer_math_test.cpp.
#pragma once

#include "lib/types.h"

constexpr u64 kTimerNsPerSec = 1'000'000'000ull;
// Linux's KTIME_MAX: the largest expiry a timer can have ("never" in practice).
constexpr u64 kTimerNsMax = ~0ull >> 1;

// timespec64_valid(): seconds not negative, nanoseconds in [0, 1e9).
constexpr bool timer_timespec_valid(i64 sec, i64 nsec) {
    return sec >= 0 && nsec >= 0 && static_cast<u64>(nsec) < kTimerNsPerSec;
}

// A valid timespec as nanoseconds, saturating at kTimerNsMax (timespec64_to_ktime()).
constexpr u64 timer_timespec_ns(i64 sec, i64 nsec) {
    if (static_cast<u64>(sec) >= kTimerNsMax / kTimerNsPerSec) return kTimerNsMax;
    return static_cast<u64>(sec) * kTimerNsPerSec + static_cast<u64>(nsec);
}

constexpr i64 timer_ns_sec(u64 ns) { return static_cast<i64>(ns / kTimerNsPerSec); }
constexpr i64 timer_ns_nsec(u64 ns) { return static_cast<i64>(ns % kTimerNsPerSec); }

// a + b, saturating at kTimerNsMax.
constexpr u64 timer_add_sat(u64 a, u64 b) {
    u64 s;
    if (__builtin_add_overflow(a, b, &s) || s > kTimerNsMax) return kTimerNsMax;
    return s;
}

// The time left until expiry, 0 once it has passed.
constexpr u64 timer_remaining(u64 expiry, u64 now) { return expiry > now ? expiry - now : 0; }

// When now has reached expiry: moves expiry to the first expiry + k * interval after now and
// returns k (the expirations that happened since, counting the one at expiry itself). Returns
// 0 and leaves expiry alone when it is still in the future or interval is 0.
constexpr u64 timer_forward(u64& expiry, u64 interval, u64 now) {
    if (!interval || now < expiry) return 0;
    u64 k = (now - expiry) / interval + 1;
    u64 step;
    if (__builtin_mul_overflow(k, interval, &step)) {
        expiry = kTimerNsMax;
        return k;
    }
    expiry = timer_add_sat(expiry, step);
    return k;
}
