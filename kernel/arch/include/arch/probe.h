// SPDX-License-Identifier: MIT
// Fault-tolerant memory probes: a fault inside them is caught through the exception fixup
// table and reported as false. Used by tests and diagnostics; user copies use the same idea.
#pragma once

#include "lib/types.h"

namespace arch {
bool probe_read_u8(uptr addr, u8& out);
bool probe_write_u8(uptr addr, u8 value);
}  // namespace arch
