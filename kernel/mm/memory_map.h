// SPDX-License-Identifier: MIT
// Turns the firmware's memory map (unsorted, possibly overlapping, with holes) into sorted,
// disjoint, page-aligned usable ranges minus reservations. Pure and host-tested.
#pragma once

#include "core/boot_info.h"
#include "lib/span.h"

struct PhysRange {
    u64 start;   // inclusive, page aligned
    u64 end;     // exclusive, page aligned
};

struct MemoryMapReport {
    usize overlaps = 0;          // usable ranges that overlapped others (the reserved side wins)
    usize dropped = 0;           // ranges ignored: zero-sized, wrapping, or unknown type treated reserved
    u64 usable_bytes = 0;
};

// Writes up to out.size() usable ranges, sorted and disjoint, with every `reserved` range
// (kernel image, initrd, boot structures) and every non-usable firmware range removed.
// Returns the number written.
usize normalize_memory_map(Span<const MemoryRange> firmware, Span<const PhysRange> reserved,
                           Span<PhysRange> out, MemoryMapReport& report);
