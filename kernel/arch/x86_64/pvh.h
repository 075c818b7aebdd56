// SPDX-License-Identifier: MIT
// The PVH boot ABI (Xen's public arch-x86/hvm/start_info.h): what QEMU hands the kernel.
#pragma once

#include "lib/types.h"

struct HvmStartInfo {
    u32 magic;            // kHvmStartMagic
    u32 version;          // 1 adds the memory map
    u32 flags;
    u32 nr_modules;
    u64 modlist_paddr;
    u64 cmdline_paddr;
    u64 rsdp_paddr;
    u64 memmap_paddr;     // version >= 1
    u32 memmap_entries;
    u32 reserved;
};
static_assert(sizeof(HvmStartInfo) == 56);

struct HvmModlistEntry {
    u64 paddr;
    u64 size;
    u64 cmdline_paddr;
    u64 reserved;
};
static_assert(sizeof(HvmModlistEntry) == 32);

struct HvmMemmapEntry {
    u64 addr;
    u64 size;
    u32 type;             // E820 types: 1 RAM, 2 reserved, 3 ACPI reclaimable, 4 ACPI NVS, 5 bad
    u32 reserved;
};
static_assert(sizeof(HvmMemmapEntry) == 24);

constexpr u32 kHvmStartMagic = 0x336ec578;
