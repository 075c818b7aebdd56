// SPDX-License-Identifier: MIT
// The timer engine under timerfd and the POSIX timers: a KTimer with an expiry on one of two
// bases, monotonic (CLOCK_MONOTONIC, CLOCK_BOOTTIME and relative CLOCK_REALTIME timers, as
// Linux's hrtimers) or realtime (absolute CLOCK_REALTIME timers, which follow clock_settime).
// All timerfd and POSIX timer state is guarded by one lock, g_timer_objects_lock.
#pragma once

#include "core/timers.h"
#include "lib/intrusive_list.h"
#include "sync/spinlock.h"

extern Spinlock g_timer_objects_lock;

enum class TimerBase : u8 { Monotonic, Realtime };

bool clock_is_realtime(int clock);   // CLOCK_REALTIME, CLOCK_REALTIME_ALARM
bool clock_is_alarm(int clock);      // CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM
u64 timer_base_now(TimerBase base);
// Linux runs relative timers on CLOCK_REALTIME against the monotonic clock.
TimerBase timer_base_for(int clock, bool absolute);

struct ClockTimer {
    TimerBase base = TimerBase::Monotonic;
    u64 expiry = 0;                            // absolute on base
    KTimer kt;
    ListNode rt_node;                          // armed on the realtime base: re-armed on clock set
    ListNode watch_node;                       // wants clock_set() calls (timerfd cancel-on-set)
    void (*fired)(ClockTimer*) = nullptr;      // from the timer interrupt, no locks held
    void (*clock_set)(ClockTimer*) = nullptr;  // under g_timer_objects_lock, after a clock change
};

// The caller holds g_timer_objects_lock for these three.
void clock_timer_init(ClockTimer& t, void (*fired)(ClockTimer*));
void clock_timer_start(ClockTimer& t, TimerBase base, u64 expiry);
void clock_timer_stop(ClockTimer& t);
bool clock_timer_active(const ClockTimer& t);
void clock_timer_watch_clock(ClockTimer& t, bool on);

// Before freeing a stopped timer (lock not held): waits out a callback running elsewhere.
void clock_timer_sync(ClockTimer& t);

// A timer setting (struct itimerspec) in ns.
struct TimerSetting {
    u64 value = 0, interval = 0;
};
// Copies a setting in (EFAULT); valid is false when a timespec is out of range (EINVAL, which
// the callers report after their own earlier checks).
Result<TimerSetting> timer_setting_from_user(uptr src, bool& valid);
Result<void> timer_setting_to_user(uptr dst, TimerSetting v);

// CLOCK_REALTIME was set (clock_settime, settimeofday): re-arms realtime timers, tells watchers.
void clock_timers_clock_was_set();
