// SPDX-License-Identifier: MIT
// Host tests for ksyms_lookup on symbol-table blobs built here (no ELF, no tools): lookups
// by address, and corrupt blobs that must be rejected without reading out of bounds.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "arch/x86_64/symbols.h"

namespace {

struct Sym {
    u64 address;
    u32 size;
    std::string name;
};

// A blob in a heap allocation of exactly its size, so ASan catches any read past the end.
class Blob {
public:
    explicit Blob(const std::vector<u8>& bytes) : m_size(bytes.size()), m_data(new u8[bytes.size() ? bytes.size() : 1]) {
        if (!bytes.empty()) std::memcpy(m_data.get(), bytes.data(), bytes.size());
    }
    const void* data() const { return m_data.get(); }
    usize size() const { return m_size; }

private:
    usize m_size;
    std::unique_ptr<u8[]> m_data;
};

template <typename T>
void put(std::vector<u8>& b, usize at, const T& v) {
    if (b.size() < at + sizeof(T)) b.resize(at + sizeof(T));
    std::memcpy(b.data() + at, &v, sizeof(T));
}

// Lays out a table like tools/gen-ksyms: header, entries (in the given order), names.
std::vector<u8> build(const std::vector<Sym>& syms) {
    std::vector<u8> b;
    std::string names;
    usize names_offset = sizeof(KsymsHeader) + syms.size() * sizeof(KsymsEntry);
    for (usize i = 0; i < syms.size(); i++) {
        KsymsEntry e{syms[i].address, syms[i].size, static_cast<u32>(names.size())};
        put(b, sizeof(KsymsHeader) + i * sizeof(KsymsEntry), e);
        names += syms[i].name;
        names.push_back('\0');
    }
    KsymsHeader h{kKsymsMagic, static_cast<u32>(syms.size()), static_cast<u32>(names_offset),
                  static_cast<u32>(names_offset + names.size())};
    put(b, 0, h);
    b.resize(names_offset);
    b.insert(b.end(), names.begin(), names.end());
    return b;
}

KsymsHeader header_of(const std::vector<u8>& b) {
    KsymsHeader h;
    std::memcpy(&h, b.data(), sizeof(h));
    return h;
}

void set_header(std::vector<u8>& b, const KsymsHeader& h) { put(b, 0, h); }

KsymsEntry entry_of(const std::vector<u8>& b, usize i) {
    KsymsEntry e;
    std::memcpy(&e, b.data() + sizeof(KsymsHeader) + i * sizeof(KsymsEntry), sizeof(e));
    return e;
}

void set_entry(std::vector<u8>& b, usize i, const KsymsEntry& e) { put(b, sizeof(KsymsHeader) + i * sizeof(KsymsEntry), e); }

struct Hit {
    bool found;
    std::string name;
    u64 offset;
};

Hit lookup(const Blob& blob, u64 addr) {
    SymbolInfo info{};
    bool ok = ksyms_lookup(blob.data(), blob.size(), addr, info);
    if (!ok) return {false, "", 0};
    // Whatever is returned must lie inside the blob.
    auto* base = static_cast<const char*>(blob.data());
    EXPECT_GE(info.name.data(), base);
    EXPECT_LE(info.name.data() + info.name.length(), base + blob.size());
    return {true, std::string(info.name.data(), info.name.length()), info.offset};
}

constexpr u64 kText = 0xffffffff80100000ULL;

const std::vector<Sym> kSyms = {
    {kText + 0x000, 0x40, "_start"},
    {kText + 0x100, 0x80, "kernel_main"},
    {kText + 0x180, 0, "asm_label"},            // unsized: runs to the next symbol
    {kText + 0x200, 0x10, "tiny"},
    {kText + 0x400, 0x100, "Scheduler::pick_next()"},
};

} // namespace

TEST(Ksyms, ExactStart) {
    Blob b(build(kSyms));
    for (const Sym& s : kSyms) {
        Hit h = lookup(b, s.address);
        ASSERT_TRUE(h.found) << s.name;
        EXPECT_EQ(h.name, s.name);
        EXPECT_EQ(h.offset, 0u);
    }
}

TEST(Ksyms, Middle) {
    Blob b(build(kSyms));
    Hit h = lookup(b, kText + 0x123);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "kernel_main");
    EXPECT_EQ(h.offset, 0x23u);
    h = lookup(b, kText + 0x4ff);   // the last byte of a sized symbol
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "Scheduler::pick_next()");
    EXPECT_EQ(h.offset, 0xffu);
}

TEST(Ksyms, PastSizedSymbolEnd) {
    Blob b(build(kSyms));
    EXPECT_FALSE(lookup(b, kText + 0x40).found);     // one past _start
    EXPECT_FALSE(lookup(b, kText + 0xff).found);     // the gap before kernel_main
    EXPECT_FALSE(lookup(b, kText + 0x210).found);    // just past tiny
    EXPECT_FALSE(lookup(b, kText + 0x3ff).found);
    EXPECT_FALSE(lookup(b, kText + 0x500).found);    // past the last (sized) symbol
    EXPECT_FALSE(lookup(b, ~u64(0)).found);
}

TEST(Ksyms, UnsizedSymbolExtendsToNext) {
    Blob b(build(kSyms));
    Hit h = lookup(b, kText + 0x180);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "asm_label");
    h = lookup(b, kText + 0x1ff);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "asm_label");
    EXPECT_EQ(h.offset, 0x7fu);
    h = lookup(b, kText + 0x200);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "tiny");
}

TEST(Ksyms, BeforeFirstSymbol) {
    Blob b(build(kSyms));
    EXPECT_FALSE(lookup(b, kText - 1).found);
    EXPECT_FALSE(lookup(b, 0).found);
}

TEST(Ksyms, EmptyTable) {
    Blob b(build({}));
    EXPECT_EQ(b.size(), sizeof(KsymsHeader));
    EXPECT_FALSE(lookup(b, 0).found);
    EXPECT_FALSE(lookup(b, kText).found);
}

TEST(Ksyms, SingleSymbolAndEmptyName) {
    Blob b(build({{0x1000, 0, ""}}));
    Hit h = lookup(b, 0x1234);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "");
    EXPECT_EQ(h.offset, 0x234u);
    EXPECT_FALSE(lookup(b, 0xfff).found);
}

TEST(Ksyms, TrailingBytesAfterTotalSizeAreIgnored) {
    std::vector<u8> bytes = build(kSyms);
    bytes.resize(bytes.size() + 13, 0xee);   // e.g. section padding
    Blob b(bytes);
    Hit h = lookup(b, kText + 0x401);
    ASSERT_TRUE(h.found);
    EXPECT_EQ(h.name, "Scheduler::pick_next()");
}

TEST(Ksyms, AgreesWithLinearSearchOnALargeTable) {
    std::mt19937_64 rng(5);
    std::vector<Sym> syms;
    u64 addr = kText;
    for (int i = 0; i < 1000; i++) {
        addr += 1 + rng() % 0x200;
        u32 size = (rng() % 4 == 0) ? 0 : static_cast<u32>(1 + rng() % 0x180);
        syms.push_back({addr, size, "f" + std::to_string(i)});
    }
    Blob b(build(syms));
    for (int k = 0; k < 20000; k++) {
        u64 a = kText + rng() % (addr - kText + 0x400);
        // Reference: the last symbol starting at or below a.
        const Sym* s = nullptr;
        for (const Sym& c : syms)
            if (c.address <= a) s = &c;
        bool want = s && (s->size == 0 || a - s->address < s->size);
        Hit h = lookup(b, a);
        ASSERT_EQ(h.found, want) << std::hex << a;
        if (want) {
            EXPECT_EQ(h.name, s->name);
            EXPECT_EQ(h.offset, a - s->address);
        }
    }
}

// ---- corrupt blobs ----------------------------------------------------------------------

TEST(KsymsCorrupt, NullOrTooSmall) {
    SymbolInfo info{};
    EXPECT_FALSE(ksyms_lookup(nullptr, 1000, kText, info));
    std::vector<u8> bytes = build(kSyms);
    bytes.resize(sizeof(KsymsHeader) - 1);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText).found);
    Blob empty(std::vector<u8>{});
    EXPECT_FALSE(ksyms_lookup(empty.data(), 0, kText, info));
}

TEST(KsymsCorrupt, BadMagic) {
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    h.magic ^= 1;
    set_header(bytes, h);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText).found);
}

TEST(KsymsCorrupt, CountOverflowsNamesOffset) {
    for (u32 count : {6u, 7u, 1000u, 0x0fffffffu, 0x10000000u, 0xffffffffu}) {
        std::vector<u8> bytes = build(kSyms);
        KsymsHeader h = header_of(bytes);
        h.count = count;   // entries would run into (or past) the names
        set_header(bytes, h);
        Blob b(bytes);
        EXPECT_FALSE(lookup(b, kText + 0x400).found) << count;
        EXPECT_FALSE(lookup(b, ~u64(0)).found) << count;
    }
}

TEST(KsymsCorrupt, TotalSizeBeyondBlob) {
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    h.total_size = static_cast<u32>(bytes.size() + 1);
    set_header(bytes, h);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText).found);
    // The same table handed over with its last byte cut off.
    std::vector<u8> cut = build(kSyms);
    Blob c(std::vector<u8>(cut.begin(), cut.end() - 1));
    EXPECT_FALSE(lookup(c, kText).found);
}

TEST(KsymsCorrupt, NamesOffsetBeyondTotalSize) {
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    h.names_offset = h.total_size + 1;
    set_header(bytes, h);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText).found);
    h.names_offset = 0xffffffffu;
    set_header(bytes, h);
    Blob c(bytes);
    EXPECT_FALSE(lookup(c, kText).found);
}

TEST(KsymsCorrupt, NameOffsetOutOfRange) {
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    u32 names_len = h.total_size - h.names_offset;
    for (u32 bad : {names_len, names_len + 1, 0x7fffffffu, 0xffffffffu}) {
        KsymsEntry e = entry_of(bytes, 1);
        e.name_offset = bad;
        set_entry(bytes, 1, e);
        Blob b(bytes);
        EXPECT_FALSE(lookup(b, kText + 0x100).found) << bad;
        // Other entries are unaffected.
        Hit h0 = lookup(b, kText);
        ASSERT_TRUE(h0.found);
        EXPECT_EQ(h0.name, "_start");
    }
}

TEST(KsymsCorrupt, NoNamesAreaAtAll) {
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    h.total_size = h.names_offset;   // names cut off entirely
    set_header(bytes, h);
    bytes.resize(h.total_size);
    Blob b(bytes);
    for (const Sym& s : kSyms) EXPECT_FALSE(lookup(b, s.address).found) << s.name;
}

TEST(KsymsCorrupt, MissingNulTerminator) {
    std::vector<u8> bytes = build(kSyms);
    ASSERT_EQ(bytes.back(), 0);
    bytes.pop_back();   // the last name loses its terminator
    KsymsHeader h = header_of(bytes);
    h.total_size -= 1;
    set_header(bytes, h);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText + 0x400).found);
    // The properly terminated names before it still resolve.
    Hit ok = lookup(b, kText + 0x200);
    ASSERT_TRUE(ok.found);
    EXPECT_EQ(ok.name, "tiny");
}

TEST(KsymsCorrupt, NameRunsPastTotalSizeIntoTrailingBytes) {
    // total_size ends inside the last name; the bytes after it (still inside the blob) must
    // not be taken as part of it.
    std::vector<u8> bytes = build(kSyms);
    KsymsHeader h = header_of(bytes);
    h.total_size -= 4;   // cuts "t()\0" off "Scheduler::pick_next()"
    set_header(bytes, h);
    Blob b(bytes);
    EXPECT_FALSE(lookup(b, kText + 0x400).found);
    EXPECT_TRUE(lookup(b, kText + 0x100).found);
}

TEST(KsymsCorrupt, RandomMutationsNeverReadOutOfBounds) {
    const std::vector<u8> good = build(kSyms);
    std::mt19937 rng(99);
    int found = 0;
    for (int iter = 0; iter < 4000; iter++) {
        std::vector<u8> bytes = good;
        int flips = 1 + rng() % 4;
        for (int f = 0; f < flips; f++) {
            usize at = rng() % bytes.size();
            bytes[at] = static_cast<u8>(rng());
        }
        if (rng() % 4 == 0) bytes.resize(rng() % (bytes.size() + 1));
        Blob b(bytes);
        for (int k = 0; k < 8; k++) {
            u64 a = kText + rng() % 0x600;
            SymbolInfo info{};
            if (ksyms_lookup(b.data(), b.size(), a, info)) {
                found++;
                auto* base = static_cast<const char*>(b.data());
                ASSERT_GE(info.name.data(), base);
                ASSERT_LT(info.name.data() + info.name.length(), base + b.size());
                EXPECT_EQ(info.name.data()[info.name.length()], '\0');   // a whole, terminated name
            }
        }
    }
    EXPECT_GT(found, 0);   // the mutations are not all fatal: lookups still ran to the end
}
