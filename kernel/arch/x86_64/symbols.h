// SPDX-License-Identifier: MIT
// The embedded kernel symbol table (made at build time by tools/gen-ksyms from the first
// link) and lookup by address. The format is pure data so the lookup is host-tested.
//
// Layout: KsymsHeader, then `count` KsymsEntry sorted by address, then NUL-terminated names.
#pragma once

#include "lib/string_view.h"

struct KsymsHeader {
    u32 magic;       // kKsymsMagic
    u32 count;
    u32 names_offset;   // from the start of the header
    u32 total_size;
};
struct KsymsEntry {
    u64 address;
    u32 size;
    u32 name_offset;    // from names_offset
};
constexpr u32 kKsymsMagic = 0x4d59534b;   // "KSYM"

struct SymbolInfo {
    StringView name;
    u64 offset;   // from the symbol's start
};

// Finds the symbol containing addr in a table blob; false when none does.
bool ksyms_lookup(const void* blob, usize blob_size, u64 addr, SymbolInfo& out);

// The kernel's own table (kernel only).
bool kernel_symbolize(u64 addr, SymbolInfo& out);
