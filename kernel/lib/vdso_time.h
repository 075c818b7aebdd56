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

// A clock's value at the last update, with the nanoseconds in 32.32 fixed point so that adding
// (counter - counter_last) * mult to it gives exactly what vdso_counter_to_ns gives (no rounding
// step in between).
struct VdsoBase {
    i64 sec;
    u64 frac;   // (nsec << 32) | the sub-nanosecond part
};

// The [vvar] page. Written only by the kernel, under a sequence count: odd while an update is in
// progress, readers retry when it changed under them.
struct VdsoData {
    u32 seq;
    VdsoGetcpu getcpu;
    u64 counter_last;              // the counter (TSC) at the last update
    u64 mult;                      // ns per counter tick in 32.32 fixed point
    VdsoBase base[2];              // at counter_last: [0] CLOCK_MONOTONIC, [1] CLOCK_REALTIME
    // The kernel's own parameters: MONOTONIC = ((counter - counter_base) * mult) >> 32 and
    // REALTIME = MONOTONIC + realtime_offset_ns.
    u64 counter_base;
    i64 realtime_offset_ns;
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

// The kernel's clock at counter: vdso_counter_to_ns plus offset_ns, with its fractional part kept.
inline VdsoBase vdso_base_at(u64 counter, u64 counter_base, u64 mult, i64 offset_ns) {
    unsigned __int128 x = static_cast<unsigned __int128>(counter - counter_base) * mult;
    VdsoTimespec t = vdso_ns_to_timespec(static_cast<i64>(static_cast<u64>(x >> 32)) + offset_ns);
    return VdsoBase{t.sec, (static_cast<u64>(t.nsec) << 32) | static_cast<u32>(x)};
}

// A high-resolution clock at counter from a base taken at counter_last: exactly
// vdso_ns_to_timespec(vdso_counter_to_ns(counter, counter_base, mult) + offset_ns) for the base's
// offset, without a division (the base is at most a few ticks old, so the loop rarely turns).
// The base is read last (relaxed loads: the caller's sequence count makes the snapshot), which
// keeps the vDSO's hot path in call-clobbered registers.
inline VdsoTimespec vdso_hres_at(u64 counter, u64 counter_last, u64 mult, const VdsoBase& base) {
    u64 delta = counter - counter_last;
    if (static_cast<i64>(delta) < 0) delta = 0;   // another CPU's counter, a little behind: the base itself
    unsigned __int128 x = static_cast<unsigned __int128>(delta) * mult;
    u64 lo;
    u64 hi = static_cast<u64>(x >> 64) + __builtin_add_overflow(static_cast<u64>(x), __atomic_load_n(&base.frac, __ATOMIC_RELAXED), &lo);
    u64 ns = (hi << 32) | (lo >> 32);
    i64 sec = __atomic_load_n(&base.sec, __ATOMIC_RELAXED);
    while (ns >= kNsPerSecond) {
        asm("" : "+r"(ns));   // keep the loop: a division costs more for the usual 0 or 1 turns
        ns -= kNsPerSecond;
        sec++;
    }
    return VdsoTimespec{sec, static_cast<i64>(ns)};
}

// The clock at the base itself (the coarse clocks).
inline VdsoTimespec vdso_base_time(VdsoBase b) { return VdsoTimespec{b.sec, static_cast<i64>(b.frac >> 32)}; }

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
