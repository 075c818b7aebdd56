// SPDX-License-Identifier: MIT
// Entropy sources generic code may use to seed the kernel CSPRNG (core/random.cpp).
#pragma once

#include "lib/types.h"

namespace arch {

// One 64-bit word from the CPU's random-number instructions (RDSEED, else RDRAND), with retries.
// False when the CPU has neither or they keep failing.
bool hw_random_u64(u64& out);
// A fast counter (the TSC) whose low bits carry timing jitter; never the only seed when
// hw_random_u64 works.
u64 entropy_counter();

}  // namespace arch
