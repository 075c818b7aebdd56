// SPDX-License-Identifier: MIT
// Corrupt ext2 images: fields of a real image overwritten one at a time. Every case must end in
// a clean error (EINVAL at mount, EUCLEAN later) with a log line, never a crash or a hang
// (ASan and UBSan watch the reads).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "ext2_test_util.h"
#include "fs/ext2/ext2_inode_util.h"

namespace {

void poke(const std::string& img, u64 off, const void* data, size_t len) {
    int fd = ::open(img.c_str(), O_RDWR);
    ASSERT_EQ(::pwrite(fd, data, len, static_cast<off_t>(off)), static_cast<ssize_t>(len));
    ::close(fd);
}
void poke32(const std::string& img, u64 off, u32 v) { poke(img, off, &v, 4); }
void poke16(const std::string& img, u64 off, u16 v) { poke(img, off, &v, 2); }

std::string base_image(const TempDir& t) {
    std::string src = t.path + "/src";
    run("mkdir -p '" + src + "/d'");
    write_file(src + "/f", std::string(40000, 'a'));
    write_file(src + "/d/g", "g\n");
    return make_image(t, "c.img", "-b 1024 -I 128", src, 2048);
}

int mount_error(const std::string&, bool ro, FileIo& io, Ext2Volume*& out) {
    auto r = Ext2Volume::mount(io, ro);
    if (r.is_error()) return r.error_code();
    out = r.value();
    return 0;
}

constexpr u64 kSb = 1024;

TEST(Ext2Corrupt, SuperblockFieldsGiveEinval) {
    struct Case {
        const char* name;
        u64 off;
        u32 value;
        int width;
    } cases[] = {
        {"magic", 56, 0x1234, 2},          {"log_block_size", 24, 9, 4},   {"blocks_per_group", 32, 0, 4},
        {"inodes_per_group", 40, 0, 4},    {"blocks_count", 4, 1u << 30, 4}, {"rev_level", 76, 7, 4},
        {"inode_size", 88, 100, 2},        {"first_data_block", 20, 5000, 4}, {"incompat_extents", 96, 0x42, 4},
        {"inodes_count", 0, 12345, 4},
    };
    for (const Case& c : cases) {
        TempDir t;
        std::string img = base_image(t);
        ASSERT_FALSE(img.empty());
        if (c.width == 2) poke16(img, kSb + c.off, static_cast<u16>(c.value));
        else poke32(img, kSb + c.off, c.value);
        FileIo io(img);
        Ext2Volume* v = nullptr;
        EXPECT_EQ(mount_error(img, false, io, v), EINVAL) << c.name;
        EXPECT_GE(io.logs, 1) << c.name;
        delete v;
    }
}

TEST(Ext2Corrupt, UnknownRoCompatOnlyReadOnly) {
    TempDir t;
    std::string img = base_image(t);
    u32 ro;
    int fd = ::open(img.c_str(), O_RDONLY);
    ASSERT_EQ(::pread(fd, &ro, 4, kSb + 100), 4);
    ::close(fd);
    poke32(img, kSb + 100, ro | 0x8000);
    FileIo io(img);
    Ext2Volume* v = nullptr;
    EXPECT_EQ(mount_error(img, false, io, v), EINVAL);
    EXPECT_EQ(io.logs, 1);
    ASSERT_EQ(mount_error(img, true, io, v), 0);
    EXPECT_TRUE(v->read_only());
    Ext2InodeDisk root;
    ASSERT_TRUE(v->read_inode(kExt2RootIno, root).is_ok());
    EXPECT_EQ(v->write_inode(kExt2RootIno, root).error_code(), EROFS);
    EXPECT_EQ(v->set_read_only(false).error_code(), EINVAL);   // remount rw refused too
    EXPECT_TRUE(v->read_only());
    delete v;
}

// Reads the root directory's first block number and the inode table of group 0.
struct Layout {
    u32 root_block, itable, f_ino;
};

Layout layout(const std::string& img) {
    FileIo io(img);
    Ext2Volume* v = Ext2Volume::mount(io, true).value();
    Ext2InodeDisk root;
    EXPECT_TRUE(v->read_inode(kExt2RootIno, root).is_ok());
    Layout l{root.block[0], 0, v->dir_lookup(root, "f").value()};
    u32 gd[128];
    EXPECT_TRUE(io.read(2048, gd, 512).is_ok());
    l.itable = gd[2];
    delete v;
    return l;
}

TEST(Ext2Corrupt, DirectoryEntriesGiveEuclean) {
    for (u16 rec_len : {u16(0), u16(3), u16(2000), u16(8)}) {
        TempDir t;
        std::string img = base_image(t);
        Layout l = layout(img);
        poke16(img, u64(l.root_block) * 1024 + 4, rec_len);   // "."'s rec_len
        FileIo io(img);
        Ext2Volume* v = Ext2Volume::mount(io, true).value();
        Ext2InodeDisk root;
        ASSERT_TRUE(v->read_inode(kExt2RootIno, root).is_ok());
        EXPECT_EQ(v->dir_lookup(root, "f").error_code(), EUCLEAN) << rec_len;
        EXPECT_EQ(io.logs, 1);
        delete v;
    }
}

TEST(Ext2Corrupt, BlockNumbersOutOfRangeGiveEuclean) {
    TempDir t;
    std::string img = base_image(t);
    Layout l = layout(img);
    u64 f_inode = u64(l.itable) * 1024 + u64(l.f_ino - 1) * 128;
    poke32(img, f_inode + 40 + 3 * 4, 0xfffffff0);        // a direct block
    poke32(img, f_inode + 40 + 12 * 4, 999999);           // the indirect block
    FileIo io(img);
    Ext2Volume* v = Ext2Volume::mount(io, false).value();
    Ext2InodeDisk f;
    ASSERT_TRUE(v->read_inode(l.f_ino, f).is_ok());
    char buf[1024];
    EXPECT_EQ(v->read_data(f, 0, buf, sizeof(buf)).value(), sizeof(buf));   // block 0 is fine
    EXPECT_EQ(v->read_data(f, 3 * 1024, buf, sizeof(buf)).error_code(), EUCLEAN);
    EXPECT_EQ(v->read_data(f, 13 * 1024, buf, 10).error_code(), EUCLEAN);
    // Freeing it does not touch blocks outside the file system either.
    EXPECT_EQ(v->truncate(f, l.f_ino, 0).error_code(), EUCLEAN);
    EXPECT_EQ(v->read_inode(0, f).error_code(), EUCLEAN);
    EXPECT_EQ(v->read_inode(1u << 30, f).error_code(), EUCLEAN);
    EXPECT_GE(io.logs, 4);
    delete v;
}

TEST(Ext2Corrupt, GroupDescriptorOutOfRangeGivesEinval) {
    TempDir t;
    std::string img = base_image(t);
    poke32(img, 2048 + 8, 0x7fffffff);   // group 0's inode table
    FileIo io(img);
    Ext2Volume* v = nullptr;
    EXPECT_EQ(mount_error(img, false, io, v), EINVAL);
    delete v;
}

// Random bytes over the first metadata blocks: whatever mount and a full walk of the tree
// return, they return.
TEST(Ext2Corrupt, RandomMetadataNeverCrashes) {
    unsigned seed = 12345;
    auto rnd = [&] { return seed = seed * 1103515245 + 12345, (seed >> 8); };
    for (int round = 0; round < 30; round++) {
        TempDir t;
        std::string img = base_image(t);
        Layout l = layout(img);
        for (int k = 0; k < 8; k++) {
            u8 b = static_cast<u8>(rnd());
            u64 region[] = {kSb + 256 + rnd() % 200, 2048 + rnd() % 64, u64(l.itable) * 1024 + rnd() % 2048,
                            u64(l.root_block) * 1024 + rnd() % 1024};
            poke(img, region[rnd() % 4], &b, 1);
        }
        FileIo io(img);
        Ext2Volume* v = nullptr;
        if (mount_error(img, false, io, v) != 0) continue;
        Ext2InodeDisk root, f;
        if (v->read_inode(kExt2RootIno, root).is_ok()) {
            struct V final : Ext2DirVisitor {
                int n = 0;
                bool entry(StringView, u32, u8, u64) override { return ++n < 1000; }
            } vis;
            u64 pos = 0;
            (void)v->dir_iterate(root, pos, vis);
            auto ino = v->dir_lookup(root, "f");
            if (ino.is_ok() && ino.value() && v->read_inode(ino.value(), f).is_ok()) {
                static char buf[1 << 16];
                (void)v->read_data(f, 0, buf, sizeof(buf));
            }
        }
        delete v;
    }
}

}  // namespace

namespace {

// A directory entry naming an inode past the end, and a directory that lists itself as a
// subdirectory (a loop): the first is EUCLEAN, the second only makes walks longer, never endless.
TEST(Ext2Corrupt, BadEntryInodeAndLoopingDirectory) {
    TempDir t;
    std::string img = base_image(t);
    Layout l = layout(img);
    {
        FileIo io(img);
        Ext2Volume* v = Ext2Volume::mount(io, false).value();
        Ext2InodeDisk root;
        ASSERT_TRUE(v->read_inode(kExt2RootIno, root).is_ok());
        ASSERT_TRUE(v->dir_add(root, kExt2RootIno, "loop", kExt2RootIno, kFtDir).is_ok());
        ASSERT_TRUE(v->write_inode(kExt2RootIno, root).is_ok());
        u32 ino = kExt2RootIno;
        for (int i = 0; i < 100; i++) ino = v->dir_lookup(root, "loop").value();
        EXPECT_EQ(ino, kExt2RootIno);
        delete v;
    }
    // "."'s inode field, in the root's first block, to a number past the inode count.
    poke32(img, u64(l.root_block) * 1024, 1u << 30);
    FileIo io(img);
    Ext2Volume* v = Ext2Volume::mount(io, true).value();
    Ext2InodeDisk root;
    ASSERT_TRUE(v->read_inode(kExt2RootIno, root).is_ok());
    EXPECT_EQ(v->dir_lookup(root, "f").error_code(), EUCLEAN);
    EXPECT_EQ(io.logs, 1);
    delete v;
}

}  // namespace
