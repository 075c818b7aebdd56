// SPDX-License-Identifier: MIT
// The TSC as the clock source, calibrated against the HPET (or the PIT when there is none).
#pragma once

#include "lib/types.h"

void clock_calibrate(u64 hpet_phys);   // 0: no HPET
u64 tsc_hz();
const char* clock_calibration_source();

// Wall clock: seconds since the epoch read from the CMOS RTC at boot.
void rtc_init(u8 century_index);
i64 rtc_boot_epoch_seconds();
