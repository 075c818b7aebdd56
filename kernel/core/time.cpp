// SPDX-License-Identifier: MIT
#include "core/time.h"

#include "arch/cpu.h"
#include "arch/paging.h"
#include "arch/time.h"
#include "arch/vdso.h"
#include "ipc/clock_timer.h"
#include "lib/vdso_time.h"
#include "mm/page_ref.h"
#include "sync/spinlock.h"

namespace {
// Until time_init gives the page, the wall clock reads the RTC's boot time from here.
VdsoData g_early_data;
VdsoData* g_data = &g_early_data;
PhysAddr g_data_phys;
Spinlock g_write_lock{LockRank::Clock, "clock-data"};

Timespec to_ts(VdsoTimespec t) { return Timespec{t.sec, t.nsec}; }

template <typename T>
void put(T& field, T value) { __atomic_store_n(&field, value, __ATOMIC_RELAXED); }
template <typename T>
T get(const T& field) { return __atomic_load_n(&field, __ATOMIC_RELAXED); }

// Seqlock write side; the caller holds g_write_lock. Readers (the vDSO in user space, the
// syscalls here) never block.
template <typename Fn>
void publish(Fn fn) {
    VdsoData* d = g_data;
    put(d->seq, d->seq + 1);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    fn(*d);
    __atomic_store_n(&d->seq, d->seq + 1, __ATOMIC_RELEASE);
}

// The bases both clocks continue from (and the coarse clocks show) become the clocks at counter.
void set_bases_locked(VdsoData& d, u64 counter) {
    VdsoBase m = vdso_base_at(counter, d.counter_base, d.mult, 0);
    VdsoBase r = vdso_base_at(counter, d.counter_base, d.mult, d.realtime_offset_ns);
    put(d.counter_last, counter);
    put(d.base[0].sec, m.sec);
    put(d.base[0].frac, m.frac);
    put(d.base[1].sec, r.sec);
    put(d.base[1].frac, r.frac);
}

VdsoTimespec read_coarse(bool real) {
    return vdso_read(g_data, [real](const VdsoData* d) {
        return vdso_base_time(VdsoBase{get(d->base[real].sec), get(d->base[real].frac)});
    });
}
}  // namespace

void time_init() {
    PhysAddr page = MUST(page_alloc_zeroed());   // boot: pinned for good (every [vvar] maps it)
    auto* d = static_cast<VdsoData*>(arch::phys_to_virt(page));
    arch::clock_counter_params(d->counter_base, d->mult);
    d->getcpu = static_cast<VdsoGetcpu>(arch::vdso_getcpu_method());
    d->realtime_offset_ns = arch::boot_epoch_seconds() * static_cast<i64>(kNsPerSecond);
    set_bases_locked(*d, arch::clock_counter());
    __atomic_store_n(&g_data, d, __ATOMIC_RELEASE);
    g_data_phys = page;
}

PhysAddr time_data_page() { return g_data_phys; }

void time_tick() {
    if (!g_data_phys.value) return;
    SpinlockGuard g(g_write_lock);
    u64 now = arch::clock_counter();
    // Two CPUs may tick out of order: the bases only move forward.
    if (now <= g_data->counter_last) return;
    publish([&](VdsoData& d) { set_bases_locked(d, now); });
}

u64 monotonic_ns() { return arch::clock_ns(); }

Timespec ns_to_timespec(u64 ns) { return Timespec{static_cast<i64>(ns / kNsPerSecond), static_cast<i64>(ns % kNsPerSecond)}; }

Timespec monotonic_now() { return ns_to_timespec(monotonic_ns()); }

Timespec realtime_now() {
    if (g_data == &g_early_data) {
        return to_ts(vdso_ns_to_timespec(static_cast<i64>(monotonic_ns()) + arch::boot_epoch_seconds() * static_cast<i64>(kNsPerSecond)));
    }
    // The same snapshot-then-convert as the vDSO's CLOCK_REALTIME.
    i64 ns = vdso_read(g_data, [](const VdsoData* d) {
        return static_cast<i64>(monotonic_ns()) + get(d->realtime_offset_ns);
    });
    return to_ts(vdso_ns_to_timespec(ns));
}

Timespec monotonic_coarse_now() { return to_ts(read_coarse(false)); }
Timespec realtime_coarse_now() { return to_ts(read_coarse(true)); }

bool realtime_settable(Timespec t) {
    // linux: timespec64_valid_settod(): TIME_SETTOD_SEC_MAX = KTIME_SEC_MAX - TIME_UPTIME_SEC_MAX.
    constexpr i64 kKtimeSecMax = INT64_MAX / static_cast<i64>(kNsPerSecond);
    constexpr i64 kUptimeSecMax = 30ll * 365 * 24 * 3600;
    return t.sec >= 0 && t.nsec >= 0 && t.nsec < static_cast<i64>(kNsPerSecond) && t.sec < kKtimeSecMax - kUptimeSecMax;
}

Result<void> realtime_set(Timespec t) {
    if (!realtime_settable(t)) return Error(EINVAL);
    {
        SpinlockGuard g(g_write_lock);
        u64 counter = arch::clock_counter();
        u64 now = vdso_counter_to_ns(counter, g_data->counter_base, g_data->mult);
        // linux: do_settimeofday64(): wall_to_monotonic may not become positive.
        if (t.sec * static_cast<i64>(kNsPerSecond) + t.nsec < static_cast<i64>(now)) return Error(EINVAL);
        i64 offset = t.sec * static_cast<i64>(kNsPerSecond) + t.nsec - static_cast<i64>(now);
        publish([&](VdsoData& d) {
            put(d.realtime_offset_ns, offset);
            set_bases_locked(d, max(counter, d.counter_last));   // as Linux: the coarse wall clock shows the new time at once
        });
    }
    clock_timers_clock_was_set();   // absolute CLOCK_REALTIME timers and cancel-on-set timerfds
    return {};
}
