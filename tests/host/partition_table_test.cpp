// SPDX-License-Identifier: MIT
// Partition-table parsing (kernel/drivers/block/partition_table.h) on images built in memory.
#include "drivers/block/partition_table.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <vector>

namespace {

struct Image {
    explicit Image(u64 sectors) : data(sectors * 512) {}
    u64 sectors() const { return data.size() / 512; }
    u8* at(u64 sector) { return data.data() + sector * 512; }
    static bool read(void* ctx, u64 sector, u8* buf) {
        auto* img = static_cast<Image*>(ctx);
        if (sector >= img->sectors()) return false;
        std::memcpy(buf, img->at(sector), 512);
        return true;
    }
    void put32(u8* p, u32 v) { std::memcpy(p, &v, 4); }
    void put64(u8* p, u64 v) { std::memcpy(p, &v, 8); }
    void mbr_slot(u64 sector, unsigned i, u8 boot, u8 type, u32 start, u32 count) {
        u8* s = at(sector) + 446 + 16 * i;
        s[0] = boot;
        s[4] = type;
        put32(s + 8, start);
        put32(s + 12, count);
        at(sector)[510] = 0x55;
        at(sector)[511] = 0xAA;
    }
    std::vector<u8> data;
};

u32 crc32(const u8* p, size_t n) {
    u32 c = ~0u;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

std::vector<PartitionEntry> parse(Image& img, u32 max_number = 16) {
    PartitionEntry out[16];
    usize n = parse_partition_table(Image::read, &img, img.sectors(), out, 16, max_number);
    return std::vector<PartitionEntry>(out, out + n);
}

// A GPT with 128 entries at LBA 2; entries given as (index, first, last).
void write_gpt(Image& img, std::initializer_list<std::array<u64, 3>> parts, bool corrupt_primary = false) {
    img.mbr_slot(0, 0, 0, 0xEE, 1, static_cast<u32>(img.sectors() - 1));
    std::vector<u8> entries(128 * 128);
    for (auto& p : parts) {
        u8* e = entries.data() + p[0] * 128;
        std::memset(e, 0xA5, 16);   // any non-zero type GUID
        img.put64(e + 32, p[1]);
        img.put64(e + 40, p[2]);
    }
    u64 last = img.sectors() - 1;
    auto header = [&](u64 lba, u64 entries_lba) {
        u8* h = img.at(lba);
        std::memcpy(h, "EFI PART", 8);
        img.put32(h + 8, 0x10000);
        img.put32(h + 12, 92);
        img.put64(h + 24, lba);
        img.put64(h + 40, 34);
        img.put64(h + 48, last - 33);
        img.put64(h + 72, entries_lba);
        img.put32(h + 80, 128);
        img.put32(h + 84, 128);
        img.put32(h + 88, crc32(entries.data(), entries.size()));
        img.put32(h + 16, crc32(h, 92));
        std::memcpy(img.at(entries_lba), entries.data(), entries.size());
    };
    header(1, 2);
    header(last, last - 32);
    if (corrupt_primary) img.at(1)[40] ^= 1;
}

}  // namespace

TEST(PartitionTable, NoSignatureNoPartitions) {
    Image img(2048);
    EXPECT_TRUE(parse(img).empty());
}

TEST(PartitionTable, MsdosPrimariesInSlotOrder) {
    Image img(2048);
    img.mbr_slot(0, 0, 0x80, 0x83, 8, 100);
    img.mbr_slot(0, 2, 0, 0x83, 500, 50);
    auto p = parse(img);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].number, 1u);
    EXPECT_EQ(p[0].start, 8u);
    EXPECT_EQ(p[0].count, 100u);
    EXPECT_EQ(p[1].number, 3u);
    EXPECT_EQ(p[1].start, 500u);
}

TEST(PartitionTable, MsdosBadBootFlagIsNoTable) {
    Image img(2048);
    img.mbr_slot(0, 0, 0x12, 0x83, 8, 100);   // a FAT boot sector would look like this
    EXPECT_TRUE(parse(img).empty());
}

TEST(PartitionTable, MsdosPastTheEndIsCutOrDropped) {
    Image img(1000);
    img.mbr_slot(0, 0, 0, 0x83, 900, 500);
    img.mbr_slot(0, 1, 0, 0x83, 1000, 10);
    auto p = parse(img);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].count, 100u);
}

TEST(PartitionTable, ExtendedShowsTwoSectorsAndLogicalsFollowTheChain) {
    Image img(2048);
    img.mbr_slot(0, 1, 0, 0x05, 200, 1200);
    img.mbr_slot(200, 0, 0, 0x83, 8, 300);
    img.mbr_slot(200, 1, 0, 0x05, 600, 200);
    img.mbr_slot(800, 0, 0, 0x83, 8, 100);
    auto p = parse(img);
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].number, 2u);
    EXPECT_EQ(p[0].count, 2u);
    EXPECT_EQ(p[1].number, 5u);
    EXPECT_EQ(p[1].start, 208u);
    EXPECT_EQ(p[1].count, 300u);
    EXPECT_EQ(p[2].number, 6u);
    EXPECT_EQ(p[2].start, 808u);
}

TEST(PartitionTable, ALoopingExtendedChainEnds) {
    Image img(2048);
    img.mbr_slot(0, 0, 0, 0x05, 100, 1000);
    img.mbr_slot(100, 0, 0, 0x83, 1, 10);
    img.mbr_slot(100, 1, 0, 0x05, 0, 1000);   // links back to itself
    auto p = parse(img);
    EXPECT_EQ(p.size(), 2u);
}

TEST(PartitionTable, NumbersBeyondTheMinorRangeAreDropped) {
    Image img(2048);
    img.mbr_slot(0, 0, 0, 0x83, 8, 10);
    img.mbr_slot(0, 3, 0, 0x83, 100, 10);
    EXPECT_EQ(parse(img, 4).size(), 1u);
}

TEST(PartitionTable, GptEntriesKeepTheirIndexAsNumber) {
    Image img(4096);
    write_gpt(img, {{0, 34, 1000}, {2, 1100, 2000}});
    auto p = parse(img);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].number, 1u);
    EXPECT_EQ(p[0].start, 34u);
    EXPECT_EQ(p[0].count, 967u);
    EXPECT_EQ(p[1].number, 3u);
    EXPECT_EQ(p[1].count, 901u);
}

TEST(PartitionTable, GptFallsBackToTheBackupHeader) {
    Image img(4096);
    write_gpt(img, {{1, 40, 99}}, true);
    auto p = parse(img);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].number, 2u);
}

TEST(PartitionTable, GptWithBadEntryChecksumIsRefused) {
    Image img(4096);
    write_gpt(img, {{0, 34, 100}});
    img.at(2)[40] ^= 1;                  // primary entries
    img.at(4096 - 33)[40] ^= 1;          // backup entries
    EXPECT_TRUE(parse(img).empty());
}

TEST(PartitionTable, GptEntryPastTheDiskIsSkipped) {
    Image img(4096);
    write_gpt(img, {{0, 34, 100}, {1, 200, 5000}});
    auto p = parse(img);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].number, 1u);
}
