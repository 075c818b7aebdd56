// SPDX-License-Identifier: MIT
// What the memory layer calls of the x86 LDT (arch/x86_64/ldt.cpp): an address space's
// modify_ldt table follows it through fork and goes with it.
#pragma once

#include "lib/result.h"

class AddressSpace;

namespace arch {
Result<void> ldt_fork(AddressSpace& parent, AddressSpace& child);   // linux: ldt_dup_context()
void ldt_free(AddressSpace& mm);                                     // linux: destroy_context_ldt()
}  // namespace arch
