// SPDX-License-Identifier: MIT
// The clock arithmetic shared by the kernel's clock syscalls and the vDSO (lib/vdso_time.h).
#include "lib/vdso_time.h"

#include <gtest/gtest.h>

#include <time.h>   // CLOCK_* (the same numbers as linux/time.h)

TEST(VdsoTime, OneGigahertzCounterIsNanoseconds) {
    u64 mult = vdso_mult_for_hz(1'000'000'000);
    EXPECT_EQ(mult, 1ull << 32);
    EXPECT_EQ(vdso_counter_to_ns(12345, 0, mult), 12345u);
    EXPECT_EQ(vdso_counter_to_ns(12345, 345, mult), 12000u);
    EXPECT_EQ(vdso_counter_to_ns(1ull << 63, 0, mult), 1ull << 63);   // no overflow in the product
}

TEST(VdsoTime, ConvertsAtOtherRates) {
    for (u64 hz : {1'000'000ull, 2'500'000'000ull, 3'000'000'000ull, 3'999'999'999ull}) {
        u64 mult = vdso_mult_for_hz(hz);
        // One second of ticks is one second, to within the 32.32 rounding (< 1 ns per 2^32 ns).
        u64 one = vdso_counter_to_ns(hz, 0, mult);
        EXPECT_LE(one, kNsPerSecond) << hz;
        EXPECT_GE(one + 1, kNsPerSecond) << hz;
        // A day of ticks: mult is rounded down by less than 2^-32 ns per tick, so the clock may
        // fall behind by that much per tick and never run ahead.
        u64 ticks = hz * 86400;
        u64 day = vdso_counter_to_ns(ticks, 0, mult);
        EXPECT_LE(day, 86400 * kNsPerSecond);
        EXPECT_GE(day + (ticks >> 32) + 1, 86400 * kNsPerSecond);
    }
}

TEST(VdsoTime, NeverGoesBackwards) {
    u64 mult = vdso_mult_for_hz(2'893'301'000);
    u64 prev = 0;
    u64 c = 1'000'000;
    for (int i = 0; i < 100000; i++) {
        c += static_cast<u64>(i * 7919 % 1013);
        u64 ns = vdso_counter_to_ns(c, 1'000'000, mult);
        EXPECT_GE(ns, prev);
        prev = ns;
    }
}

TEST(VdsoTime, SplitsIntoTimespec) {
    VdsoTimespec t = vdso_ns_to_timespec(0);
    EXPECT_EQ(t.sec, 0);
    EXPECT_EQ(t.nsec, 0);
    t = vdso_ns_to_timespec(1'999'999'999);
    EXPECT_EQ(t.sec, 1);
    EXPECT_EQ(t.nsec, 999'999'999);
    t = vdso_ns_to_timespec(-5);   // a wall clock below the epoch reads as the epoch
    EXPECT_EQ(t.sec, 0);
    EXPECT_EQ(t.nsec, 0);
    VdsoBase b = vdso_base_at(3000, 1000, 1ull << 32, 1'700'000'000ll * 1'000'000'000ll);
    t = vdso_base_time(b);
    EXPECT_EQ(t.sec, 1'700'000'000);
    EXPECT_EQ(t.nsec, 2000);
}

// The vDSO continues from a base taken at the last tick; the kernel converts the whole counter.
// Both must give the same nanosecond for every counter value, or one could see the other go back.
TEST(VdsoTime, BaseAndDirectConversionAgreeExactly) {
    const u64 counter_base = 12345;
    for (u64 hz : {1'000'000'007ull, 2'893'301'000ull, 3'600'000'000ull}) {
        u64 mult = vdso_mult_for_hz(hz);
        for (i64 offset : {0ll, 1'700'000'000'123'456'789ll}) {
            u64 last = counter_base + hz * 1000 + 7;
            VdsoBase b = vdso_base_at(last, counter_base, mult, offset);
            u64 c = last;
            for (int i = 0; i < 20000; i++) {
                c += static_cast<u64>(i) * 104729 % (hz / 7);   // up to about 4 s past the base
                VdsoTimespec got = vdso_hres_at(c, last, mult, b);
                VdsoTimespec want = vdso_ns_to_timespec(static_cast<i64>(vdso_counter_to_ns(c, counter_base, mult)) + offset);
                ASSERT_EQ(got.sec, want.sec) << hz << " " << c;
                ASSERT_EQ(got.nsec, want.nsec) << hz << " " << c;
                if (i % 1000 == 999) {   // a tick: a new base, same clock
                    last = c;
                    b = vdso_base_at(last, counter_base, mult, offset);
                }
            }
        }
    }
}

TEST(VdsoTime, CounterBehindTheBaseReadsTheBase) {
    u64 mult = vdso_mult_for_hz(3'000'000'000);
    VdsoBase b = vdso_base_at(1'000'000, 0, mult, 0);
    VdsoTimespec t = vdso_hres_at(999'000, 1'000'000, mult, b);   // another CPU's counter, slightly behind
    VdsoTimespec at = vdso_base_time(b);
    EXPECT_EQ(t.sec, at.sec);
    EXPECT_EQ(t.nsec, at.nsec);
}

TEST(VdsoTime, ClockSetsMatchLinuxIds) {
    EXPECT_TRUE(kVdsoHresClocks & kVdsoClockBit(CLOCK_REALTIME));
    EXPECT_TRUE(kVdsoHresClocks & kVdsoClockBit(CLOCK_MONOTONIC));
    EXPECT_TRUE(kVdsoHresClocks & kVdsoClockBit(CLOCK_MONOTONIC_RAW));
    EXPECT_TRUE(kVdsoHresClocks & kVdsoClockBit(CLOCK_BOOTTIME));
    EXPECT_TRUE(kVdsoHresClocks & kVdsoClockBit(CLOCK_TAI));
    EXPECT_FALSE(kVdsoHresClocks & kVdsoClockBit(CLOCK_PROCESS_CPUTIME_ID));
    EXPECT_FALSE(kVdsoHresClocks & kVdsoCoarseClocks);
    EXPECT_EQ(kVdsoCoarseClocks, kVdsoClockBit(CLOCK_REALTIME_COARSE) | kVdsoClockBit(CLOCK_MONOTONIC_COARSE));
    EXPECT_FALSE(kVdsoRealtimeClocks & kVdsoClockBit(CLOCK_MONOTONIC));
}

TEST(VdsoTime, ReadRetriesWhenAnUpdateSlipsIn) {
    VdsoData d{};
    d.seq = 2;
    int calls = 0;
    int v = vdso_read(&d, [&](const VdsoData*) {
        if (++calls == 1) d.seq = 4;   // a writer finished an update during the first read
        return calls;
    });
    EXPECT_EQ(v, 2);
    EXPECT_EQ(calls, 2);
}
