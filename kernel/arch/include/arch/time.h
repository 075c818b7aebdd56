// SPDX-License-Identifier: MIT
// Wall-clock source as generic code sees it.
#pragma once

#include "lib/types.h"

namespace arch {
// Seconds since the epoch at boot (clock_ns() == 0), from the RTC.
i64 boot_epoch_seconds();
}  // namespace arch
