// SPDX-License-Identifier: MIT
#include "arch/x86_64/symbols.h"

// Defined by the generated ksyms object (an empty table on the first link).
extern "C" const u8 __ksyms_start[];
extern "C" const u8 __ksyms_end[];

bool kernel_symbolize(u64 addr, SymbolInfo& out) {
    return ksyms_lookup(__ksyms_start, __ksyms_end - __ksyms_start, addr, out);
}
