// SPDX-License-Identifier: MIT
#include "ipc/clock_timer.h"

#include "abi/linux/uapi.h"
#include "core/time.h"
#include "ipc/timer_math.h"
#include "mm/user_ptr.h"

constinit Spinlock g_timer_objects_lock(LockRank::TimerObject, "timer-objects");

namespace {

using RtList = IntrusiveList<ClockTimer, &ClockTimer::rt_node>;
using WatchList = IntrusiveList<ClockTimer, &ClockTimer::watch_node>;
alignas(RtList) u8 g_rt_storage[sizeof(RtList)];
alignas(WatchList) u8 g_watch_storage[sizeof(WatchList)];
RtList* g_rt;
WatchList* g_watch;

RtList& rt_timers() {
    if (!g_rt) g_rt = new (g_rt_storage) RtList();
    return *g_rt;
}
WatchList& watchers() {
    if (!g_watch) g_watch = new (g_watch_storage) WatchList();
    return *g_watch;
}

u64 realtime_ns() {
    Timespec t = realtime_now();
    return static_cast<u64>(t.sec) * kTimerNsPerSec + static_cast<u64>(t.nsec);
}

// Lock held: programs the kernel timer for t's expiry, converted to the monotonic clock.
void program(ClockTimer& t) {
    u64 deadline = t.expiry;
    if (t.base == TimerBase::Realtime) deadline = timer_add_sat(monotonic_ns(), timer_remaining(t.expiry, realtime_ns()));
    ktimer_arm(&t.kt, deadline);
}

void expired(KTimer* kt) {
    auto* t = reinterpret_cast<ClockTimer*>(reinterpret_cast<u8*>(kt) - offsetof(ClockTimer, kt));
    {
        SpinlockGuard g(g_timer_objects_lock);
        if (t->base == TimerBase::Realtime) {
            if (t->rt_node.linked() && realtime_ns() < t->expiry) {   // the clock went back meanwhile
                program(*t);
                return;
            }
            if (t->rt_node.linked()) rt_timers().remove(*t);
        }
    }
    t->fired(t);
}

}  // namespace

bool clock_is_realtime(int clock) { return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_ALARM; }
bool clock_is_alarm(int clock) { return clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM; }

u64 timer_base_now(TimerBase base) { return base == TimerBase::Realtime ? realtime_ns() : monotonic_ns(); }

TimerBase timer_base_for(int clock, bool absolute) {
    return clock_is_realtime(clock) && absolute ? TimerBase::Realtime : TimerBase::Monotonic;
}

void clock_timer_init(ClockTimer& t, void (*fired)(ClockTimer*)) {
    t.fired = fired;
    t.kt.fn = expired;
}

void clock_timer_start(ClockTimer& t, TimerBase base, u64 expiry) {
    clock_timer_stop(t);
    t.base = base;
    t.expiry = expiry;
    if (base == TimerBase::Realtime) rt_timers().push_back(t);
    program(t);
}

void clock_timer_stop(ClockTimer& t) {
    if (t.rt_node.linked()) rt_timers().remove(t);
    ktimer_cancel(&t.kt);
}

bool clock_timer_active(const ClockTimer& t) { return t.kt.armed() || t.rt_node.linked(); }

void clock_timer_watch_clock(ClockTimer& t, bool on) {
    if (on && !t.watch_node.linked()) watchers().push_back(t);
    if (!on && t.watch_node.linked()) watchers().remove(t);
}

void clock_timer_sync(ClockTimer& t) { ktimer_cancel_sync(&t.kt); }

Result<TimerSetting> timer_setting_from_user(uptr src, bool& valid) {
    struct __kernel_itimerspec its;
    TRY(copy_from_user(&its, src, sizeof(its)));
    valid = timer_timespec_valid(its.it_value.tv_sec, its.it_value.tv_nsec) &&
            timer_timespec_valid(its.it_interval.tv_sec, its.it_interval.tv_nsec);
    if (!valid) return TimerSetting{};
    return TimerSetting{timer_timespec_ns(its.it_value.tv_sec, its.it_value.tv_nsec),
                        timer_timespec_ns(its.it_interval.tv_sec, its.it_interval.tv_nsec)};
}

Result<void> timer_setting_to_user(uptr dst, TimerSetting v) {
    struct __kernel_itimerspec its{};
    its.it_value.tv_sec = timer_ns_sec(v.value);
    its.it_value.tv_nsec = timer_ns_nsec(v.value);
    its.it_interval.tv_sec = timer_ns_sec(v.interval);
    its.it_interval.tv_nsec = timer_ns_nsec(v.interval);
    return copy_to_user(dst, &its, sizeof(its));
}

void clock_timers_clock_was_set() {
    SpinlockGuard g(g_timer_objects_lock);
    for (ClockTimer& t : rt_timers()) program(t);
    for (ClockTimer& t : watchers())
        if (t.clock_set) t.clock_set(&t);
}
