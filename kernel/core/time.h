// SPDX-License-Identifier: MIT
// Kernel time: monotonic nanoseconds since boot and the wall clock (RTC at boot + monotonic,
// adjustable with clock_settime/settimeofday).
#pragma once

#include "lib/types.h"

struct Timespec {
    i64 sec;
    i64 nsec;
};

u64 monotonic_ns();
Timespec monotonic_now();
Timespec realtime_now();
void realtime_set(Timespec t);
Timespec ns_to_timespec(u64 ns);
