// SPDX-License-Identifier: MIT
// Wall-clock source and clock parameters as generic code sees it.
#pragma once

#include "lib/types.h"

namespace arch {
// Seconds since the epoch at boot (clock_ns() == 0), from the RTC.
i64 boot_epoch_seconds();
// clock_ns() == ((counter - base) * mult) >> 32 (lib/vdso_time.h), for the vDSO's data page.
void clock_counter_params(u64& base, u64& mult);
// The counter clock_ns() converts (the TSC).
u64 clock_counter();
}  // namespace arch
