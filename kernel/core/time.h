// SPDX-License-Identifier: MIT
// Kernel time: monotonic nanoseconds since boot and the wall clock (RTC at boot + monotonic,
// adjustable with clock_settime/settimeofday). The wall-clock offset and the coarse clocks live
// in the vDSO data page ([vvar]), so the clock syscalls and the vDSO read the same numbers.
#pragma once

#include "lib/result.h"
#include "lib/types.h"

struct Timespec {
    i64 sec;
    i64 nsec;
};

// After the clock is calibrated and the RTC read: allocates and fills the data page.
void time_init();
// The data page (mapped read-only into every process as [vvar]).
PhysAddr time_data_page();
// The coarse clocks advance here: on timer interrupts and when a CPU leaves idle.
void time_tick();

u64 monotonic_ns();
Timespec monotonic_now();
Timespec realtime_now();
Timespec monotonic_coarse_now();
Timespec realtime_coarse_now();
// Sets CLOCK_REALTIME (settimeofday, clock_settime), with Linux's limits: EINVAL for a
// negative or malformed time, one at or past TIME_SETTOD_SEC_MAX (KTIME_SEC_MAX less 30 years
// of uptime: the clocks must not overflow), or one before the boot (earlier than the current
// monotonic time).
Result<void> realtime_set(Timespec t);
// Only the first two of those checks (done before the permission check, as Linux does).
bool realtime_settable(Timespec t);
Timespec ns_to_timespec(u64 ns);
