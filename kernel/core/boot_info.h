// SPDX-License-Identifier: MIT
// What the boot protocol told us, in a boot-protocol-neutral form.
#pragma once

#include "lib/string_view.h"

struct MemoryRange {
    u64 base;
    u64 size;
    enum Type : u32 { Usable = 1, Reserved = 2, AcpiReclaimable = 3, AcpiNvs = 4, Bad = 5 } type;
};

struct BootInfo {
    static constexpr usize kMaxRanges = 128;
    MemoryRange ranges[kMaxRanges];
    usize range_count = 0;
    StringView cmdline;          // points into the direct map
    u64 initrd_phys = 0;
    u64 initrd_size = 0;
    u64 rsdp_phys = 0;           // 0 when the loader did not say: scan for it
    u64 start_info_phys = 0;     // reserved until boot is done with it
};

extern BootInfo g_boot_info;
