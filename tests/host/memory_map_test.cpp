// SPDX-License-Identifier: MIT
// Host tests for normalize_memory_map: a QEMU-like map, overlaps, malformed and unaligned
// entries, reservations, output-capacity exhaustion, and a randomized check against a
// page-granular brute-force model.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "mm/memory_map.h"

// Found by argument-dependent lookup from std::vector and gtest, so in PhysRange's namespace.
bool operator==(const PhysRange& a, const PhysRange& b) { return a.start == b.start && a.end == b.end; }
std::ostream& operator<<(std::ostream& os, const PhysRange& r) {
    return os << std::hex << "[0x" << r.start << ", 0x" << r.end << ")" << std::dec;
}

namespace {

using Type = MemoryRange::Type;
constexpr Type U = MemoryRange::Usable;
constexpr Type R = MemoryRange::Reserved;

struct Out {
    std::vector<PhysRange> ranges;
    MemoryMapReport report;
};

Out normalize(const std::vector<MemoryRange>& fw, const std::vector<PhysRange>& reserved, usize capacity = 64) {
    // Guard entries on both sides of the output catch writes outside out[0..capacity).
    std::vector<PhysRange> buf(capacity + 2, PhysRange{0xdead, 0xbeef});
    Out o;
    o.report.overlaps = 777;   // must be reset by the call
    o.report.dropped = 777;
    o.report.usable_bytes = 777;
    usize n = normalize_memory_map(Span<const MemoryRange>(fw.data(), fw.size()),
                                   Span<const PhysRange>(reserved.data(), reserved.size()),
                                   Span<PhysRange>(buf.data() + 1, capacity), o.report);
    EXPECT_LE(n, capacity);
    EXPECT_EQ(buf.front().start, 0xdeadu);
    EXPECT_EQ(buf.back().start, 0xdeadu);
    o.ranges.assign(buf.begin() + 1, buf.begin() + 1 + static_cast<long>(min(n, capacity)));
    return o;
}

// Sorted, disjoint (not even touching: touching ranges are merged), page aligned, non-empty,
// and the byte count adds up.
void expect_well_formed(const Out& o) {
    u64 total = 0;
    for (usize i = 0; i < o.ranges.size(); i++) {
        const PhysRange& r = o.ranges[i];
        EXPECT_LT(r.start, r.end) << "range " << i;
        EXPECT_TRUE(is_aligned(r.start, kPageSize)) << std::hex << r.start;
        EXPECT_TRUE(is_aligned(r.end, kPageSize)) << std::hex << r.end;
        if (i) {
            EXPECT_LT(o.ranges[i - 1].end, r.start) << "ranges " << i - 1 << " and " << i;
        }
        total += r.end - r.start;
    }
    EXPECT_EQ(o.report.usable_bytes, total);
}


using Ranges = std::vector<PhysRange>;

} // namespace

TEST(MemoryMap, QemuLikeMap) {
    const std::vector<MemoryRange> fw = {
        {0x0, 0x9fc00, U},
        {0x9fc00, 0x400, R},
        {0xf0000, 0x10000, R},
        {0x100000, 0x1ffe0000 - 0x100000, U},
        {0x1ffe0000, 0x20000, R},
        {0xfffc0000, 0x40000, R},
    };
    // Without reservations: the two usable ranges, the first aligned down to a page.
    Out plain = normalize(fw, {});
    expect_well_formed(plain);
    EXPECT_EQ(plain.ranges, (Ranges{{0x0, 0x9f000}, {0x100000, 0x1ffe0000}}));
    EXPECT_EQ(plain.report.overlaps, 0u);
    EXPECT_EQ(plain.report.dropped, 0u);

    // With the kernel's reservations: low 1 MiB, the kernel image, an initrd (unaligned ends).
    const std::vector<PhysRange> reserved = {
        {0x0, 0x100000},
        {0x100000, 0x345678},
        {0x1000123, 0x1234567},
    };
    Out o = normalize(fw, reserved);
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x346000, 0x1000000}, {0x1235000, 0x1ffe0000}}));
    EXPECT_EQ(o.report.overlaps, 0u);
    EXPECT_EQ(o.report.dropped, 0u);
    EXPECT_EQ(o.report.usable_bytes, (0x1000000u - 0x346000u) + (0x1ffe0000u - 0x1235000u));
}

TEST(MemoryMap, UnsortedInputGivesSortedOutput) {
    const std::vector<MemoryRange> fw = {
        {0x500000, 0x100000, U},
        {0x100000, 0x100000, U},
        {0x900000, 0x1000, U},
        {0x300000, 0x100000, U},
        {0x0, 0x1000, U},
    };
    Out o = normalize(fw, {});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x1000}, {0x100000, 0x200000}, {0x300000, 0x400000}, {0x500000, 0x600000},
                                {0x900000, 0x901000}}));
}

TEST(MemoryMap, OverlappingUsableRangesMerge) {
    Out o = normalize({{0x0, 0x5000, U}, {0x3000, 0x5000, U}, {0x20000, 0x1000, U}}, {});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x8000}, {0x20000, 0x21000}}));
    EXPECT_EQ(o.report.overlaps, 1u);
    // One range swallowing two others (and the others first): each overlap counts once.
    Out p = normalize({{0x1000, 0x1000, U}, {0x4000, 0x1000, U}, {0x0, 0x10000, U}}, {});
    expect_well_formed(p);
    EXPECT_EQ(p.ranges, (Ranges{{0x0, 0x10000}}));
    EXPECT_EQ(p.report.overlaps, 2u);
    // Duplicates.
    Out d = normalize({{0x1000, 0x1000, U}, {0x1000, 0x1000, U}}, {});
    EXPECT_EQ(d.ranges, (Ranges{{0x1000, 0x2000}}));
    EXPECT_EQ(d.report.overlaps, 1u);
}

TEST(MemoryMap, TouchingUsableRangesMergeWithoutOverlap) {
    Out o = normalize({{0x4000, 0x4000, U}, {0x0, 0x4000, U}, {0x8000, 0x2000, U}}, {});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0xa000}}));
    EXPECT_EQ(o.report.overlaps, 0u);
}

TEST(MemoryMap, ReservedFirmwareRangeWins) {
    // Listed before and after the usable range: the order must not matter.
    for (bool reserved_first : {true, false}) {
        std::vector<MemoryRange> fw = {{0x0, 0x10000, U}};
        MemoryRange res{0x4000, 0x2000, MemoryRange::AcpiNvs};
        fw.insert(reserved_first ? fw.begin() : fw.end(), res);
        Out o = normalize(fw, {});
        expect_well_formed(o);
        EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x4000}, {0x6000, 0x10000}}));
        EXPECT_EQ(o.report.overlaps, 1u);
    }
}

TEST(MemoryMap, EveryNonUsableTypeIsRemoved) {
    for (Type t : {MemoryRange::Reserved, MemoryRange::AcpiReclaimable, MemoryRange::AcpiNvs, MemoryRange::Bad}) {
        Out o = normalize({{0x0, 0x10000, U}, {0x8000, 0x10000, t}}, {});
        expect_well_formed(o);
        EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x8000}}));
        EXPECT_EQ(o.report.overlaps, 1u);
    }
}

TEST(MemoryMap, UnalignedReservedFirmwareRangeAlignsOutwards) {
    Out o = normalize({{0x0, 0x10000, U}, {0x4800, 0x100, R}}, {});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x4000}, {0x5000, 0x10000}}));
    // Touching the usable range only inside a page it does not cover: no change.
    Out p = normalize({{0x1000, 0x3000, U}, {0x4000, 0x1000, R}, {0x0, 0x1000, R}}, {});
    EXPECT_EQ(p.ranges, (Ranges{{0x1000, 0x4000}}));
    EXPECT_EQ(p.report.overlaps, 0u);
}

TEST(MemoryMap, ReservedCoveringEverything) {
    Out o = normalize({{0x1000, 0x4000, U}, {0x0, 0x100000, R}}, {});
    EXPECT_TRUE(o.ranges.empty());
    EXPECT_EQ(o.report.usable_bytes, 0u);
    EXPECT_EQ(o.report.overlaps, 1u);
}

TEST(MemoryMap, ZeroSizeAndWrappingEntriesAreDropped) {
    const std::vector<MemoryRange> fw = {
        {0x100000, 0x100000, U},
        {0x150000, 0, U},                                 // zero-sized usable
        {0x180000, 0, R},                                 // zero-sized reserved: must not cut
        {0xfffffffffffff000ULL, 0x2000, U},               // wraps
        {0xffffffffffff0000ULL, 0x20000, R},              // wraps
        {0x0, 0xffffffffffffffffULL, U},                  // does not wrap, but huge
        {0x1000, 0xffffffffffffffffULL, U},               // wraps
    };
    Out o = normalize(fw, {});
    expect_well_formed(o);
    EXPECT_EQ(o.report.dropped, 5u);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0xfffffffffffff000ULL}}));
    // Without the huge one, the zero-sized reserved entry leaves the range whole.
    std::vector<MemoryRange> fw2(fw.begin(), fw.begin() + 5);
    Out p = normalize(fw2, {});
    EXPECT_EQ(p.ranges, (Ranges{{0x100000, 0x200000}}));
    EXPECT_EQ(p.report.dropped, 4u);
}

TEST(MemoryMap, UnalignedUsableRangesAlignInwards) {
    Out o = normalize({{0x1234, 0x5678 - 0x1234, U}, {0x10001, 0xfff, U}, {0x20800, 0x1800, U}}, {});
    expect_well_formed(o);
    // [0x1234, 0x5678) -> [0x2000, 0x5000); [0x10001, 0x11000) has no whole page;
    // [0x20800, 0x22000) -> [0x21000, 0x22000).
    EXPECT_EQ(o.ranges, (Ranges{{0x2000, 0x5000}, {0x21000, 0x22000}}));
    // Two halves of one page from two entries do not make a usable page.
    Out p = normalize({{0x1000, 0x800, U}, {0x1800, 0x800, U}}, {});
    EXPECT_TRUE(p.ranges.empty());
}

TEST(MemoryMap, ReservationSplitsARange) {
    Out o = normalize({{0x100000, 0x1000000, U}}, {{0x400000, 0x500000}});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x100000, 0x400000}, {0x500000, 0x1100000}}));
    // Unaligned reservation ends round outwards.
    Out p = normalize({{0x100000, 0x1000000, U}}, {{0x400fff, 0x401001}});
    EXPECT_EQ(p.ranges, (Ranges{{0x100000, 0x400000}, {0x402000, 0x1100000}}));
    // Several reservations, one spanning two ranges.
    Out q = normalize({{0x0, 0x10000, U}, {0x20000, 0x10000, U}},
                      {{0x2000, 0x3000}, {0xe000, 0x22000}, {0x2f000, 0x40000}});
    expect_well_formed(q);
    EXPECT_EQ(q.ranges, (Ranges{{0x0, 0x2000}, {0x3000, 0xe000}, {0x22000, 0x2f000}}));
}

TEST(MemoryMap, EmptyAndInvertedReservationsReserveNothing) {
    Out o = normalize({{0x0, 0x10000, U}}, {{0x4800, 0x4800}, {0x6800, 0x6700}, {0x0, 0x0}});
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x0, 0x10000}}));
}

TEST(MemoryMap, NothingUsable) {
    Out o = normalize({}, {{0x0, 0x100000}});
    EXPECT_TRUE(o.ranges.empty());
    EXPECT_EQ(o.report.usable_bytes, 0u);
    EXPECT_EQ(o.report.overlaps, 0u);
    EXPECT_EQ(o.report.dropped, 0u);
    Out p = normalize({{0x0, 0x10000, R}}, {});
    EXPECT_TRUE(p.ranges.empty());
}

TEST(MemoryMap, CapacityExhaustedByFirmwareRanges) {
    const std::vector<MemoryRange> fw = {{0x0, 0x1000, U}, {0x10000, 0x1000, U}, {0x20000, 0x1000, U}};
    Out o = normalize(fw, {}, 2);
    expect_well_formed(o);
    EXPECT_EQ(o.ranges.size(), 2u);
    EXPECT_EQ(o.report.dropped, 1u);
    // Merging frees a slot, so a range that touches a kept one is never dropped.
    Out p = normalize({{0x0, 0x1000, U}, {0x10000, 0x1000, U}, {0x1000, 0xf000, U}}, {}, 2);
    expect_well_formed(p);
    EXPECT_EQ(p.ranges, (Ranges{{0x0, 0x11000}}));
    EXPECT_EQ(p.report.dropped, 0u);
    // No room at all.
    Out none = normalize(fw, {}, 0);
    EXPECT_TRUE(none.ranges.empty());
    EXPECT_EQ(none.report.usable_bytes, 0u);
    EXPECT_EQ(none.report.dropped, 3u);
}

TEST(MemoryMap, CapacityExhaustedBySplitKeepsTheLargerSide) {
    // A full output cannot take the second half of a split: the larger side stays, and the
    // reserved page is never handed out.
    Out o = normalize({{0x0, 0x10000, U}}, {{0x3000, 0x4000}}, 1);
    expect_well_formed(o);
    EXPECT_EQ(o.ranges, (Ranges{{0x4000, 0x10000}}));
    Out p = normalize({{0x0, 0x10000, U}}, {{0xc000, 0xd000}}, 1);
    EXPECT_EQ(p.ranges, (Ranges{{0x0, 0xc000}}));
    Out q = normalize({{0x0, 0x10000, U}, {0x8000, 0x1000, R}}, {}, 1);
    EXPECT_EQ(q.ranges.size(), 1u);
    EXPECT_EQ(q.report.usable_bytes, 0x8000u);
    EXPECT_TRUE(q.ranges[0].end <= 0x8000 || q.ranges[0].start >= 0x9000) << q.ranges[0];
}

// ---- property test against a page-granular model ------------------------------------------

namespace {

bool valid_entry(const MemoryRange& m) {
    u64 end;
    return m.size != 0 && !__builtin_add_overflow(m.base, m.size, &end);
}

bool intersects(u64 a0, u64 a1, u64 b0, u64 b1) { return a0 < b1 && b0 < a1; }

// The page at `a` is usable when a usable firmware entry covers it entirely and no
// non-usable entry and no (non-empty) reservation touches any byte of it.
bool page_usable(u64 a, const std::vector<MemoryRange>& fw, const std::vector<PhysRange>& res) {
    bool covered = false;
    for (const MemoryRange& m : fw) {
        if (!valid_entry(m)) continue;
        if (m.type == U) {
            if (m.base <= a && a + kPageSize <= m.base + m.size) covered = true;
        } else if (intersects(a, a + kPageSize, m.base, m.base + m.size)) {
            return false;
        }
    }
    if (!covered) return false;
    for (const PhysRange& r : res)
        if (r.start < r.end && intersects(a, a + kPageSize, r.start, r.end)) return false;
    return true;
}

constexpr u64 kUniversePages = 512;   // 2 MiB of physical address space
constexpr u64 kUniverse = kUniversePages * kPageSize;

u64 random_addr(std::mt19937_64& rng, bool aligned) {
    u64 a = rng() % kUniverse;
    return aligned ? align_down(a, kPageSize) : a;
}

Type random_type(std::mt19937_64& rng) {
    switch (rng() % 10) {
    case 0: return MemoryRange::Reserved;
    case 1: return MemoryRange::AcpiReclaimable;
    case 2: return MemoryRange::AcpiNvs;
    case 3: return MemoryRange::Bad;
    default: return U;
    }
}

struct RandomMap {
    std::vector<MemoryRange> fw;
    std::vector<PhysRange> res;
    usize malformed = 0;
};

RandomMap random_map(std::mt19937_64& rng) {
    RandomMap m;
    usize nfw = 1 + rng() % 16;
    for (usize i = 0; i < nfw; i++) {
        bool aligned = rng() % 2;
        u64 base = random_addr(rng, aligned);
        u64 size;
        switch (rng() % 8) {
        case 0: size = 1 + rng() % kPageSize; break;                       // less than ~a page
        case 1: size = 0; break;                                           // malformed
        default: size = 1 + rng() % (kUniverse / 4); break;
        }
        if (aligned && size) size = align_up(size, kPageSize);
        Type t = random_type(rng);
        if (rng() % 40 == 0) {   // wraps past the top of the address space: malformed
            base = ~u64(0) - rng() % 0x10000;
            size = 0x10001 + rng() % 0x10000;
        }
        m.fw.push_back({base, size, t});
        if (!valid_entry(m.fw.back())) m.malformed++;
    }
    usize nres = rng() % 5;
    for (usize i = 0; i < nres; i++) {
        u64 s = random_addr(rng, rng() % 2);
        u64 e;
        switch (rng() % 6) {
        case 0: e = s; break;                                           // empty
        case 1: e = s > 0x100 ? s - 1 - rng() % 0x100 : s; break;       // inverted
        default: e = s + 1 + rng() % (kUniverse / 8); break;
        }
        m.res.push_back({s, e});
    }
    return m;
}

std::set<u64> pages_of(const std::vector<PhysRange>& ranges) {
    std::set<u64> s;
    for (const PhysRange& r : ranges)
        for (u64 a = r.start; a < r.end; a += kPageSize) s.insert(a);
    return s;
}

} // namespace

TEST(MemoryMapProperty, MatchesPageModelWhenCapacitySuffices) {
    std::mt19937_64 rng(20240607);
    for (int iter = 0; iter < 3000; iter++) {
        RandomMap m = random_map(rng);
        Out o = normalize(m.fw, m.res, 64);   // at most 16 ranges + 16 + 4 splits
        SCOPED_TRACE(testing::Message() << "iteration " << iter);
        expect_well_formed(o);
        EXPECT_EQ(o.report.dropped, m.malformed);
        std::set<u64> got = pages_of(o.ranges);
        for (u64 a : got) ASSERT_LT(a, kUniverse + kUniverse / 4 + kPageSize);
        u64 limit = kUniverse + kUniverse / 4 + 2 * kPageSize;
        for (u64 a = 0; a < limit; a += kPageSize) {
            bool want = page_usable(a, m.fw, m.res);
            ASSERT_EQ(got.count(a) == 1, want) << std::hex << "page 0x" << a;
        }
        if (HasFailure()) break;
    }
}

TEST(MemoryMapProperty, SmallCapacityNeverOverReports) {
    std::mt19937_64 rng(7);
    for (int iter = 0; iter < 3000; iter++) {
        RandomMap m = random_map(rng);
        usize cap = rng() % 5;
        Out o = normalize(m.fw, m.res, cap);
        SCOPED_TRACE(testing::Message() << "iteration " << iter << " capacity " << cap);
        expect_well_formed(o);
        EXPECT_LE(o.ranges.size(), cap);
        // Every reported page is genuinely usable (so nothing reserved, nothing twice).
        for (const PhysRange& r : o.ranges)
            for (u64 a = r.start; a < r.end; a += kPageSize)
                ASSERT_TRUE(page_usable(a, m.fw, m.res)) << std::hex << "page 0x" << a;
        // And it is a subset of what a roomy output reports.
        Out full = normalize(m.fw, m.res, 64);
        std::set<u64> all = pages_of(full.ranges);
        for (u64 a : pages_of(o.ranges)) ASSERT_TRUE(all.count(a)) << std::hex << a;
        if (HasFailure()) break;
    }
}
