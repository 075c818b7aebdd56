// SPDX-License-Identifier: MIT
#include "mm/memory_map.h"

namespace {

// Removes [cut.start, cut.end) from the set in out[0..n); returns the new count.
usize subtract(Span<PhysRange> out, usize n, PhysRange cut) {
    if (cut.start >= cut.end) return n;
    for (usize i = 0; i < n; i++) {
        PhysRange r = out[i];
        if (cut.end <= r.start || cut.start >= r.end) continue;
        PhysRange left{r.start, cut.start > r.start ? cut.start : r.start};
        PhysRange right{cut.end < r.end ? cut.end : r.end, r.end};
        bool has_left = cut.start > r.start;
        bool has_right = cut.end < r.end;
        if (has_left && has_right) {
            if (n == out.size()) {
                // No room to split: keep the larger side so memory is lost, never double-used.
                out[i] = (left.end - left.start >= right.end - right.start) ? left : right;
                continue;
            }
            out[i] = left;
            for (usize j = n; j > i + 1; j--) out[j] = out[j - 1];
            out[i + 1] = right;
            n++;
            i++;
        } else if (has_left) {
            out[i] = left;
        } else if (has_right) {
            out[i] = right;
        } else {
            for (usize j = i; j + 1 < n; j++) out[j] = out[j + 1];
            n--;
            i--;
        }
    }
    return n;
}

}  // namespace

usize normalize_memory_map(Span<const MemoryRange> fw, Span<const PhysRange> reserved, Span<PhysRange> out,
                           MemoryMapReport& report) {
    report = MemoryMapReport{};
    usize n = 0;
    // 1. Usable ranges, page-aligned inwards, inserted sorted and merged with neighbours.
    for (const MemoryRange& m : fw) {
        u64 end;
        if (m.size == 0 || __builtin_add_overflow(m.base, m.size, &end)) {
            report.dropped++;
            continue;
        }
        if (m.type != MemoryRange::Usable) continue;
        PhysRange r{align_up(m.base, kPageSize), align_down(end, kPageSize)};
        if (r.start >= r.end) continue;
        // Merge with every range it touches or overlaps.
        for (usize i = 0; i < n;) {
            if (out[i].end < r.start || out[i].start > r.end) {
                i++;
                continue;
            }
            if (out[i].end > r.start && out[i].start < r.end) report.overlaps++;
            r.start = min(r.start, out[i].start);
            r.end = max(r.end, out[i].end);
            for (usize j = i; j + 1 < n; j++) out[j] = out[j + 1];
            n--;
        }
        if (n == out.size()) {
            report.dropped++;
            continue;
        }
        usize pos = 0;
        while (pos < n && out[pos].start < r.start) pos++;
        for (usize j = n; j > pos; j--) out[j] = out[j - 1];
        out[pos] = r;
        n++;
    }
    // 2. Firmware ranges that are not usable win over usable ones they overlap.
    for (const MemoryRange& m : fw) {
        u64 end;
        if (m.type == MemoryRange::Usable || m.size == 0 || __builtin_add_overflow(m.base, m.size, &end)) continue;
        usize before = n;
        u64 total_before = 0;
        for (usize i = 0; i < n; i++) total_before += out[i].end - out[i].start;
        n = subtract(out, n, PhysRange{align_down(m.base, kPageSize), align_up(end, kPageSize)});
        u64 total_after = 0;
        for (usize i = 0; i < n; i++) total_after += out[i].end - out[i].start;
        if (total_after != total_before || n != before) report.overlaps++;
    }
    // 3. The kernel's own reservations.
    // (An empty or inverted one reserves nothing; rounding it outwards would cost a page.)
    for (const PhysRange& r : reserved)
        if (r.start < r.end) n = subtract(out, n, PhysRange{align_down(r.start, kPageSize), align_up(r.end, kPageSize)});
    for (usize i = 0; i < n; i++) report.usable_bytes += out[i].end - out[i].start;
    return n;
}
