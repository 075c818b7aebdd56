// SPDX-License-Identifier: MIT
// Host tests for ext2's metadata cache: what reads return whichever path wrote last, that dirty
// data reaches the device only at flush (neighbours in one request), and what memory pressure
// may take.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "fs/ext2/ext2_cache.h"

namespace {

struct MemDev final : Ext2Io {
    explicit MemDev(usize size) : bytes(size, 0) {}
    Result<void> read(u64 off, void* buf, usize len) override {
        EXPECT_LE(off + len, bytes.size());
        memcpy(buf, bytes.data() + off, len);
        reads++;
        return {};
    }
    Result<void> write(u64 off, const void* buf, usize len) override {
        EXPECT_LE(off + len, bytes.size());
        memcpy(bytes.data() + off, buf, len);
        writes.push_back({off, len});
        return {};
    }
    u64 size_bytes() override { return bytes.size(); }
    void log(const char*, u64) override {}
    void now(i64& sec, u32& nsec) override {
        sec = clock;
        nsec = 0;
    }
    std::vector<u8> bytes;
    int reads = 0;
    std::vector<std::pair<u64, usize>> writes;
    i64 clock = 1000;
};

}  // namespace

TEST(Ext2Cache, WritesStayUntilFlushAndNeighboursGoTogether) {
    MemDev dev(64 * 4096 + 1024);   // a last, short unit
    Ext2Cache c(dev);
    u8 a[512], b[1024];
    memset(a, 0xaa, sizeof a);
    memset(b, 0xbb, sizeof b);
    ASSERT_TRUE(c.write(4096 + 512, a, sizeof a).is_ok());
    ASSERT_TRUE(c.write(2 * 4096, b, sizeof b).is_ok());
    ASSERT_TRUE(c.write(10 * 4096, a, sizeof a).is_ok());
    ASSERT_TRUE(c.write(64 * 4096, b, sizeof b).is_ok());   // the short unit
    EXPECT_TRUE(dev.writes.empty());
    EXPECT_EQ(c.dirty_units(), 4u);
    u8 back[512];
    ASSERT_TRUE(c.read(4096 + 512, back, sizeof back).is_ok());
    EXPECT_EQ(memcmp(back, a, sizeof a), 0);
    ASSERT_TRUE(c.flush().is_ok());
    EXPECT_EQ(c.dirty_units(), 0u);
    // Units 1 and 2 in one request, then 10, then the short last unit.
    ASSERT_EQ(dev.writes.size(), 3u);
    EXPECT_EQ(dev.writes[0], std::make_pair(u64(4096), usize(8192)));
    EXPECT_EQ(dev.writes[1], std::make_pair(u64(10 * 4096), usize(4096)));
    EXPECT_EQ(dev.writes[2], std::make_pair(u64(64 * 4096), usize(1024)));
    EXPECT_EQ(dev.bytes[4096 + 512], 0xaa);
    EXPECT_EQ(dev.bytes[2 * 4096 + 1023], 0xbb);
    EXPECT_EQ(dev.bytes[2 * 4096 + 1024], 0);
    u8 past[512];
    EXPECT_TRUE(c.read(65 * 4096, past, sizeof past).is_error());   // beyond the device
}

TEST(Ext2Cache, DirectAndCachedPathsSeeEachOther) {
    MemDev dev(16 * 4096);
    Ext2Cache c(dev);
    u8 meta[1024], data[2048], out[4096];
    memset(meta, 0x11, sizeof meta);
    memset(data, 0x22, sizeof data);
    // Dirty metadata in unit 3, then file data written directly over part of it (a freed block
    // reused): a direct read, a cached read and the device after flush all show the data.
    ASSERT_TRUE(c.write(3 * 4096, meta, sizeof meta).is_ok());
    ASSERT_TRUE(c.write_direct(3 * 4096 + 512, data, sizeof data).is_ok());
    ASSERT_TRUE(c.read_direct(3 * 4096, out, 4096).is_ok());
    EXPECT_EQ(out[0], 0x11);
    EXPECT_EQ(out[512], 0x22);
    EXPECT_EQ(out[2559], 0x22);
    EXPECT_EQ(out[2560], 0);
    ASSERT_TRUE(c.read(3 * 4096 + 1000, out, 512).is_ok());
    EXPECT_EQ(out[0], 0x22);
    ASSERT_TRUE(c.flush().is_ok());
    EXPECT_EQ(dev.bytes[3 * 4096], 0x11);
    EXPECT_EQ(dev.bytes[3 * 4096 + 600], 0x22);
    // A direct read spanning cached and uncached units: the dirty cached unit's bytes win.
    memset(meta, 0x33, sizeof meta);
    ASSERT_TRUE(c.write(5 * 4096, meta, sizeof meta).is_ok());
    std::vector<u8> big(3 * 4096);
    ASSERT_TRUE(c.read_direct(4 * 4096, big.data(), big.size()).is_ok());
    EXPECT_EQ(big[0], 0);
    EXPECT_EQ(big[4096], 0x33);
    EXPECT_EQ(big[2 * 4096], 0);
}

TEST(Ext2Cache, ShedsOnlyCleanUnitsAndExpiresOldDirtyOnes) {
    MemDev dev(32 * 4096);
    Ext2Cache c(dev);
    u8 buf[512] = {1};
    for (u64 i = 0; i < 8; i++) ASSERT_TRUE(c.read(i * 4096, buf, sizeof buf).is_ok());
    ASSERT_TRUE(c.write(20 * 4096, buf, sizeof buf).is_ok());
    EXPECT_EQ(c.cached_units(), 9u);
    EXPECT_EQ(c.shed_clean(100), 8u);
    EXPECT_EQ(c.cached_units(), 1u);
    EXPECT_EQ(c.dirty_units(), 1u);
    EXPECT_TRUE(dev.writes.empty());
    // Once the expiry has passed, the next write sends everything dirty.
    c.set_expire_centisecs(500);
    dev.clock += 4;
    EXPECT_FALSE(c.expired());
    dev.clock += 1;
    EXPECT_TRUE(c.expired());
    ASSERT_TRUE(c.write(21 * 4096, buf, sizeof buf).is_ok());
    EXPECT_EQ(c.dirty_units(), 0u);
    ASSERT_EQ(dev.writes.size(), 1u);   // 20 and 21: neighbours
    EXPECT_EQ(dev.writes[0], std::make_pair(u64(20 * 4096), usize(8192)));
}

TEST(Ext2Cache, AWholeUnitWriteReadsNothing) {
    MemDev dev(8 * 4096);
    Ext2Cache c(dev);
    std::vector<u8> unit(4096, 0x5a);
    ASSERT_TRUE(c.write(4096, unit.data(), unit.size()).is_ok());
    EXPECT_EQ(dev.reads, 0);
    u8 small[512];
    ASSERT_TRUE(c.write(2 * 4096, small, sizeof small).is_ok());
    EXPECT_EQ(dev.reads, 1);
}
