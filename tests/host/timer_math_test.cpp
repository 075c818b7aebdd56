// SPDX-License-Identifier: MIT
// The interval-timer arithmetic of timerfd and the POSIX timers (kernel/ipc/timer_math.h).
#include "ipc/timer_math.h"

#include <gtest/gtest.h>

TEST(TimerMath, ForwardBeforeExpiryChangesNothing) {
    u64 expiry = 1000;
    EXPECT_EQ(timer_forward(expiry, 100, 999), 0u);
    EXPECT_EQ(expiry, 1000u);
}

TEST(TimerMath, ForwardWithoutIntervalChangesNothing) {
    u64 expiry = 1000;
    EXPECT_EQ(timer_forward(expiry, 0, 5000), 0u);
    EXPECT_EQ(expiry, 1000u);
}

TEST(TimerMath, ForwardAtExpiryCountsOne) {
    u64 expiry = 1000;
    EXPECT_EQ(timer_forward(expiry, 100, 1000), 1u);
    EXPECT_EQ(expiry, 1100u);
}

TEST(TimerMath, ForwardCountsEveryPassedPeriod) {
    // Expirations at 1000, 1100, ..., 1500 have passed at 1550: six of them, next at 1600.
    u64 expiry = 1000;
    EXPECT_EQ(timer_forward(expiry, 100, 1550), 6u);
    EXPECT_EQ(expiry, 1600u);
}

TEST(TimerMath, ForwardOnAnExactMultipleMovesPastNow) {
    // hrtimer_forward's exact-multiple case: now == an expiry counts it and goes one further.
    u64 expiry = 1000;
    EXPECT_EQ(timer_forward(expiry, 100, 1300), 4u);
    EXPECT_EQ(expiry, 1400u);
    EXPECT_GT(expiry, 1300u);
}

TEST(TimerMath, ForwardMatchesStepByStep) {
    for (u64 interval : {1ull, 3ull, 7ull, 100ull}) {
        for (u64 now = 50; now < 400; now += 13) {
            u64 fast = 50, slow = 50, count = 0;
            u64 n = timer_forward(fast, interval, now);
            while (slow <= now) {
                slow += interval;
                count++;
            }
            EXPECT_EQ(n, count) << interval << " " << now;
            EXPECT_EQ(fast, slow) << interval << " " << now;
        }
    }
}

TEST(TimerMath, ForwardSaturatesInsteadOfWrapping) {
    u64 expiry = kTimerNsMax - 10;
    u64 n = timer_forward(expiry, kTimerNsMax / 2, kTimerNsMax - 5);
    EXPECT_EQ(n, 1u);
    EXPECT_EQ(expiry, kTimerNsMax);
}

TEST(TimerMath, TimespecValidity) {
    EXPECT_TRUE(timer_timespec_valid(0, 0));
    EXPECT_TRUE(timer_timespec_valid(5, 999'999'999));
    EXPECT_FALSE(timer_timespec_valid(0, 1'000'000'000));
    EXPECT_FALSE(timer_timespec_valid(-1, 0));
    EXPECT_FALSE(timer_timespec_valid(0, -1));
}

TEST(TimerMath, TimespecToNsSaturates) {
    EXPECT_EQ(timer_timespec_ns(2, 5), 2'000'000'005u);
    EXPECT_EQ(timer_timespec_ns(0x7fffffffffffffffll, 0), kTimerNsMax);
    EXPECT_EQ(timer_ns_sec(2'000'000'005u), 2);
    EXPECT_EQ(timer_ns_nsec(2'000'000'005u), 5);
}

TEST(TimerMath, Remaining) {
    EXPECT_EQ(timer_remaining(100, 40), 60u);
    EXPECT_EQ(timer_remaining(100, 100), 0u);
    EXPECT_EQ(timer_remaining(100, 140), 0u);
    EXPECT_EQ(timer_add_sat(kTimerNsMax - 1, 5), kTimerNsMax);
}
