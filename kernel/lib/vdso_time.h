// SPDX-License-Identifier: MIT
// The clock data the kernel publishes in the [vvar] page and the arithmetic that turns it into
// time. The kernel's clock syscalls and the vDSO both read time through these functions, so the
// two can never disagree (a vDSO reading followed by a syscall reading never goes backwards).
// Freestanding and host-testable: the vDSO is built from it too, without the rest of the kernel.
#pragma once

#include "lib/types.h"

constexpr u64 kNsPerSecond = 1'000'000'000ull;
// The resolution clock_getres reports for the coarse clocks: Linux's jiffy at HZ=250.
constexpr i64 kCoarseResolutionNs = 4'000'000;

// How __vdso_getcpu learns the CPU number (the kernel keeps it in IA32_TSC_AUX).
enum class VdsoGetcpu : u32 { Syscall = 0, Rdtscp = 1, Rdpid = 2 };

struct VdsoTimespec {
    i64 sec;
    i64 nsec;
};

// The [vvar] page. Written only by the kernel, under a sequence count: odd while an update is in
// progress, readers retry when it changed under them.
struct VdsoData {
    u32 seq;
    VdsoGetcpu getcpu;
    // CLOCK_MONOTONIC in ns = ((counter - counter_base) * mult) >> 32 (the counter is the TSC).
    u64 counter_base;
    u64 mult;
    i64 realtime_offset_ns;        // CLOCK_REALTIME - CLOCK_MONOTONIC
    VdsoTimespec coarse_mono;      // CLOCK_MONOTONIC at the last tick
    VdsoTimespec coarse_real;      // CLOCK_REALTIME at the last tick (or the last clock_settime)
};

// Which clocks read what (bit n is clock id n; linux/time.h numbering, checked by the kernel).
constexpr u32 kVdsoClockBit(int id) { return 1u << id; }
constexpr u32 kVdsoHresClocks = kVdsoClockBit(0) | kVdsoClockBit(1) | kVdsoClockBit(4) | kVdsoClockBit(7) |
                                kVdsoClockBit(11);   // REALTIME MONOTONIC MONOTONIC_RAW BOOTTIME TAI
constexpr u32 kVdsoRealtimeClocks = kVdsoClockBit(0) | kVdsoClockBit(5) | kVdsoClockBit(11);   // + REALTIME_COARSE
constexpr u32 kVdsoCoarseClocks = kVdsoClockBit(5) | kVdsoClockBit(6);   // REALTIME_COARSE MONOTONIC_COARSE

inline u64 vdso_counter_to_ns(u64 counter, u64 base, u64 mult) {
    return static_cast<u64>((static_cast<unsigned __int128>(counter - base) * mult) >> 32);
}

// mult for a counter running at hz (32.32 fixed point ns per tick).
inline u64 vdso_mult_for_hz(u64 hz) { return static_cast<u64>((static_cast<unsigned __int128>(kNsPerSecond) << 32) / hz); }

// ns since the clock's epoch as a timespec; a negative sum (never reached in practice: the wall
// clock cannot be set below 0) reads as 0.
inline VdsoTimespec vdso_ns_to_timespec(i64 ns) {
    u64 u = ns < 0 ? 0 : static_cast<u64>(ns);
    return VdsoTimespec{static_cast<i64>(u / kNsPerSecond), static_cast<i64>(u % kNsPerSecond)};
}

// A high-resolution clock from a counter reading and a consistent snapshot of the data.
inline VdsoTimespec vdso_hres(u64 counter, u64 base, u64 mult, i64 offset_ns) {
    return vdso_ns_to_timespec(static_cast<i64>(vdso_counter_to_ns(counter, base, mult)) + offset_ns);
}

// Seqlock read side: fn(data) runs until it saw no update in progress and none in between.
template <typename Fn>
inline auto vdso_read(const VdsoData* d, Fn fn) {
    for (;;) {
        u32 s = __atomic_load_n(&d->seq, __ATOMIC_ACQUIRE);
        if (s & 1) {
            __builtin_ia32_pause();
            continue;
        }
        auto v = fn(d);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&d->seq, __ATOMIC_RELAXED) == s) return v;
    }
}
