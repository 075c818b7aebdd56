// SPDX-License-Identifier: MIT
// Fault-tolerant memory probes: a fault inside them is caught through the exception fixup
// table and reported as false. Used by tests and diagnostics; user copies use the same idea.
#pragma once

#include "lib/types.h"

extern "C" bool arch_probe_read_u8(uptr addr, u8* out);
extern "C" bool arch_probe_write_u8(uptr addr, u8 value);

namespace arch {
inline bool probe_read_u8(uptr addr, u8& out) { return arch_probe_read_u8(addr, &out); }
inline bool probe_write_u8(uptr addr, u8 value) { return arch_probe_write_u8(addr, value); }
}  // namespace arch
