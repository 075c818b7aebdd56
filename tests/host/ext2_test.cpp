// SPDX-License-Identifier: MIT
// The ext2 core on images made by mke2fs: every block size, both inode sizes, revision 0 and
// images without the filetype feature; reads of what mke2fs wrote, writes that e2fsck -fn must
// find clean, and remounts that read them back.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "ext2_test_util.h"
#include "fs/ext2/ext2_inode_util.h"

namespace {

constexpr Ext2Now kNow{1700000000, 5};

struct Vol {
    FileIo io;
    Ext2Volume* v = nullptr;
    explicit Vol(const std::string& img, bool ro = false) : io(img) {
        auto r = Ext2Volume::mount(io, ro);
        if (r.is_ok()) v = r.value();
    }
    ~Vol() { delete v; }
};

u32 lookup_path(Ext2Volume& v, const std::string& path) {
    u32 ino = kExt2RootIno;
    size_t start = 0;
    while (start < path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        Ext2InodeDisk d;
        if (v.read_inode(ino, d).is_error()) return 0;
        std::string comp = path.substr(start, end - start);
        auto r = v.dir_lookup(d, StringView(comp.data(), comp.size()));
        if (r.is_error() || r.value() == 0) return 0;
        ino = r.value();
        start = end + 1;
    }
    return ino;
}

std::string read_all(Ext2Volume& v, u32 ino) {
    Ext2InodeDisk d;
    EXPECT_TRUE(v.read_inode(ino, d).is_ok());
    std::string s(ext2_size(d), '\0');
    auto r = v.read_data(d, 0, s.data(), s.size());
    EXPECT_TRUE(r.is_ok());
    return s;
}

struct Lister final : Ext2DirVisitor {
    std::map<std::string, u8> names;
    bool entry(StringView name, u32, u8 ft, u64) override {
        names[std::string(name.data(), name.length())] = ft;
        return true;
    }
};

std::map<std::string, u8> list(Ext2Volume& v, u32 ino) {
    Ext2InodeDisk d;
    EXPECT_TRUE(v.read_inode(ino, d).is_ok());
    Lister l;
    u64 pos = 0;
    EXPECT_TRUE(v.dir_iterate(d, pos, l).is_ok());
    return l.names;
}

std::string pattern(size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; i++) s[i] = static_cast<char>((i * 131 + seed + i / 4096) & 0xff);
    return s;
}

// The source tree mke2fs -d copies.
std::string make_tree(const TempDir& t) {
    std::string d = t.path + "/src";
    run("mkdir -p '" + d + "/dir/nested'");
    write_file(d + "/hello.txt", "hello world\n");
    write_file(d + "/dir/nested/deep.txt", "deep\n");
    write_file(d + "/big.bin", pattern(300 * 1024, 7));
    int fd = ::open((d + "/sparse").c_str(), O_CREAT | O_WRONLY, 0644);
    EXPECT_EQ(::pwrite(fd, "X", 1, 200000), 1);
    EXPECT_EQ(::ftruncate(fd, 300000), 0);
    ::close(fd);
    EXPECT_EQ(::symlink("hello.txt", (d + "/short").c_str()), 0);
    EXPECT_EQ(::symlink(std::string(100, 'L').c_str(), (d + "/long").c_str()), 0);
    return d;
}

class Ext2Formats : public ::testing::TestWithParam<const char*> {};

TEST_P(Ext2Formats, ReadsWhatMke2fsWrote) {
    TempDir t;
    std::string img = make_image(t, "a.img", GetParam(), make_tree(t), 4096);
    ASSERT_FALSE(img.empty());
    Vol vol(img);
    ASSERT_NE(vol.v, nullptr);
    Ext2Volume& v = *vol.v;
    EXPECT_EQ(read_all(v, lookup_path(v, "hello.txt")), "hello world\n");
    EXPECT_EQ(read_all(v, lookup_path(v, "dir/nested/deep.txt")), "deep\n");
    EXPECT_EQ(read_all(v, lookup_path(v, "big.bin")), pattern(300 * 1024, 7));
    std::string sparse = read_all(v, lookup_path(v, "sparse"));
    ASSERT_EQ(sparse.size(), 300000u);
    EXPECT_EQ(sparse[200000], 'X');
    EXPECT_EQ(sparse.find_first_not_of('\0'), 200000u);
    Ext2InodeDisk d;
    ASSERT_TRUE(v.read_inode(lookup_path(v, "sparse"), d).is_ok());
    EXPECT_EQ(d.blocks, 2 * v.block_size() / 512);   // one data block and its indirect block
    char buf[256];
    ASSERT_TRUE(v.read_inode(lookup_path(v, "short"), d).is_ok());
    EXPECT_EQ(std::string(buf, ext2_readlink(v, d, buf, sizeof(buf)).value()), "hello.txt");
    ASSERT_TRUE(v.read_inode(lookup_path(v, "long"), d).is_ok());
    EXPECT_FALSE(ext2_is_fast_symlink(d, v.block_size()));
    EXPECT_EQ(std::string(buf, ext2_readlink(v, d, buf, sizeof(buf)).value()), std::string(100, 'L'));
    auto names = list(v, kExt2RootIno);
    for (const char* n : {".", "..", "hello.txt", "dir", "big.bin", "sparse", "short", "long", "lost+found"})
        EXPECT_EQ(names.count(n), 1u) << n;
    if (v.has_filetype()) {
        EXPECT_EQ(names["dir"], kFtDir);
        EXPECT_EQ(names["short"], kFtSymlink);
        EXPECT_EQ(names["hello.txt"], kFtReg);
    } else {
        EXPECT_EQ(names["dir"], kFtUnknown);
    }
    EXPECT_EQ(lookup_path(v, "missing"), 0u);
}

TEST_P(Ext2Formats, WritesPassE2fsckAndReadBack) {
    TempDir t;
    std::string img = make_image(t, "w.img", GetParam(), make_tree(t), 8192);
    ASSERT_FALSE(img.empty());
    std::string big = pattern(1 << 20, 3);
    {
        Vol vol(img);
        ASSERT_NE(vol.v, nullptr);
        Ext2Volume& v = *vol.v;
        Ext2InodeDisk root, sub, f, g, tmp;
        ASSERT_TRUE(v.read_inode(kExt2RootIno, root).is_ok());
        u32 sub_ino = ext2_create(v, {kExt2RootIno, &root}, "sub", 0040755, 0, 0, 0, sub, kNow).value();
        u32 f_ino = ext2_create(v, {sub_ino, &sub}, "file", 0100644, 1000, 70000, 0, f, kNow).value();
        ASSERT_EQ(v.write_data(f, f_ino, 0, big.data(), big.size()).value(), big.size());
        // Far past the double-indirect range of 1 KiB blocks: a triple-indirect block.
        ASSERT_EQ(v.write_data(f, f_ino, 80ull << 20, "tail", 4).value(), 4u);
        ASSERT_TRUE(v.write_inode(f_ino, f).is_ok());
        ASSERT_TRUE(ext2_create(v, {sub_ino, &sub}, "fifo", 0010644, 0, 0, 0, tmp, kNow).is_ok());
        ASSERT_TRUE(ext2_create(v, {sub_ino, &sub}, "null", 0020666, 0, 0, (1u << 20) | 3, tmp, kNow).is_ok());
        ASSERT_TRUE(ext2_create(v, {sub_ino, &sub}, "bigdev", 0060600, 0, 0, (259u << 20) | 300, tmp, kNow).is_ok());
        ASSERT_TRUE(ext2_symlink(v, {sub_ino, &sub}, "ln", std::string(200, 's').c_str(), 0, 0, tmp, kNow).is_ok());
        // Many entries: the directory grows past one block.
        for (int i = 0; i < 120; i++) {
            std::string n = "entry-with-a-longish-name-" + std::to_string(i);
            ASSERT_TRUE(ext2_create(v, {sub_ino, &sub}, StringView(n.c_str()), 0100600, 0, 0, 0, tmp, kNow).is_ok());
        }
        for (int i = 0; i < 120; i += 2) {
            std::string n = "entry-with-a-longish-name-" + std::to_string(i);
            u32 ino = v.dir_lookup(sub, StringView(n.c_str())).value();
            ASSERT_NE(ino, 0u);
            ASSERT_TRUE(v.read_inode(ino, tmp).is_ok());
            ASSERT_TRUE(ext2_unlink(v, {sub_ino, &sub}, StringView(n.c_str()), {ino, &tmp}, kNow).is_ok());
            ASSERT_TRUE(v.delete_inode(ino, tmp).is_ok());
        }
        // link, rename across directories (a directory, so ".." moves), rename over a file.
        ASSERT_TRUE(ext2_link(v, {kExt2RootIno, &root}, "hardlink", {f_ino, &f}, kNow).is_ok());
        u32 dir_ino = lookup_path(v, "dir");
        ASSERT_TRUE(v.read_inode(dir_ino, g).is_ok());
        ASSERT_TRUE(ext2_rename(v, {kExt2RootIno, &root}, "dir", {sub_ino, &sub}, "moved", {dir_ino, &g}, nullptr, kNow)
                        .is_ok());
        u32 hello = lookup_path(v, "hello.txt");
        Ext2InodeDisk h, victim;
        ASSERT_TRUE(v.read_inode(hello, h).is_ok());
        u32 short_ino = lookup_path(v, "short");
        ASSERT_TRUE(v.read_inode(short_ino, victim).is_ok());
        Ext2Node target{short_ino, &victim};
        ASSERT_TRUE(
            ext2_rename(v, {kExt2RootIno, &root}, "hello.txt", {kExt2RootIno, &root}, "short", {hello, &h}, &target, kNow)
                .is_ok());
        ASSERT_TRUE(v.delete_inode(short_ino, victim).is_ok());
        // Shrink the big file of the source tree into its direct blocks; rmdir an empty dir.
        u32 b = lookup_path(v, "big.bin");
        ASSERT_TRUE(v.read_inode(b, tmp).is_ok());
        ASSERT_TRUE(v.truncate(tmp, b, 5000).is_ok());
        ASSERT_TRUE(v.write_inode(b, tmp).is_ok());
        Ext2InodeDisk e;
        u32 e_ino = ext2_create(v, {kExt2RootIno, &root}, "empty", 0040700, 0, 0, 0, e, kNow).value();
        ASSERT_TRUE(ext2_rmdir(v, {kExt2RootIno, &root}, "empty", {e_ino, &e}, kNow).is_ok());
        ASSERT_TRUE(v.delete_inode(e_ino, e).is_ok());
        EXPECT_EQ(ext2_rmdir(v, {kExt2RootIno, &root}, "sub", {sub_ino, &sub}, kNow).error_code(), ENOTEMPTY);
        ASSERT_TRUE(v.unmount().is_ok());
    }
    EXPECT_EQ(fsck(img), 0);
    Vol vol(img, true);
    ASSERT_NE(vol.v, nullptr);
    Ext2Volume& v = *vol.v;
    u32 f_ino = lookup_path(v, "sub/file");
    ASSERT_NE(f_ino, 0u);
    EXPECT_EQ(lookup_path(v, "hardlink"), f_ino);
    std::string got = read_all(v, f_ino);
    ASSERT_EQ(got.size(), (80ull << 20) + 4);
    EXPECT_EQ(got.substr(0, big.size()), big);
    EXPECT_EQ(got.substr(80ull << 20), "tail");
    EXPECT_EQ(got.find_first_not_of('\0', big.size()), 80ull << 20);
    EXPECT_EQ(read_all(v, lookup_path(v, "short")), "hello world\n");
    EXPECT_EQ(lookup_path(v, "hello.txt"), 0u);
    EXPECT_EQ(read_all(v, lookup_path(v, "sub/moved/nested/deep.txt")), "deep\n");
    EXPECT_EQ(lookup_path(v, "sub/moved/.."), lookup_path(v, "sub"));
    EXPECT_EQ(read_all(v, lookup_path(v, "big.bin")), pattern(300 * 1024, 7).substr(0, 5000));
    Ext2InodeDisk d;
    ASSERT_TRUE(v.read_inode(lookup_path(v, "sub/bigdev"), d).is_ok());
    EXPECT_EQ(ext2_decode_rdev(d), (259u << 20) | 300);
    ASSERT_TRUE(v.read_inode(lookup_path(v, "sub/null"), d).is_ok());
    EXPECT_EQ(ext2_decode_rdev(d), (1u << 20) | 3);
    EXPECT_EQ(ext2_uid(d), 0u);
    ASSERT_TRUE(v.read_inode(f_ino, d).is_ok());
    EXPECT_EQ(ext2_gid(d), 70000u);
    EXPECT_EQ(d.links_count, 2);
    auto names = list(v, lookup_path(v, "sub"));
    EXPECT_EQ(names.count("entry-with-a-longish-name-1"), 1u);
    EXPECT_EQ(names.count("entry-with-a-longish-name-2"), 0u);
    ASSERT_TRUE(v.read_inode(lookup_path(v, "sub/ln"), d).is_ok());
    char buf[300];
    EXPECT_EQ(std::string(buf, ext2_readlink(v, d, buf, sizeof(buf)).value()), std::string(200, 's'));
}

TEST_P(Ext2Formats, TruncateFreesEveryBlock) {
    TempDir t;
    std::string img = make_image(t, "t.img", GetParam(), "", 8192);
    ASSERT_FALSE(img.empty());
    Vol vol(img);
    ASSERT_NE(vol.v, nullptr);
    Ext2Volume& v = *vol.v;
    Ext2Statfs before, after;
    v.statfs(before);
    Ext2InodeDisk root, f;
    ASSERT_TRUE(v.read_inode(kExt2RootIno, root).is_ok());
    u32 ino = ext2_create(v, {kExt2RootIno, &root}, "f", 0100644, 0, 0, 0, f, kNow).value();
    std::string data = pattern(3 << 20, 1);
    ASSERT_EQ(v.write_data(f, ino, 0, data.data(), data.size()).value(), data.size());
    ASSERT_EQ(v.write_data(f, ino, 90ull << 20, "x", 1).value(), 1u);
    v.statfs(after);
    EXPECT_LT(after.bfree, before.bfree - (3 << 20) / v.block_size());
    ASSERT_TRUE(v.truncate(f, ino, 0).is_ok());
    EXPECT_EQ(f.blocks, 0u);
    ASSERT_TRUE(v.write_inode(ino, f).is_ok());
    v.statfs(after);
    EXPECT_EQ(after.bfree, before.bfree);
    EXPECT_EQ(after.ffree, before.ffree - 1);
    ASSERT_TRUE(v.unmount().is_ok());
    EXPECT_EQ(fsck(img), 0);
}

INSTANTIATE_TEST_SUITE_P(Images, Ext2Formats,
                         ::testing::Values("-b 1024 -I 128", "-b 2048 -I 256", "-b 4096 -I 256", "-r 0 -b 1024",
                                           "-b 1024 -O ^filetype,^dir_index"));

// statfs agrees with what Linux reports for the same image (df's figures): blocks without the
// metadata overhead, free counts from the descriptors.
TEST(Ext2Statfs, MatchesDumpe2fsGeometry) {
    TempDir t;
    std::string img = make_image(t, "s.img", "-b 1024 -m 5", "", 16384);
    ASSERT_FALSE(img.empty());
    Vol vol(img, true);
    ASSERT_NE(vol.v, nullptr);
    Ext2Statfs s;
    vol.v->statfs(s);
    EXPECT_EQ(s.bsize, 1024u);
    EXPECT_EQ(s.files, vol.v->super().inodes_count);
    EXPECT_EQ(s.ffree, vol.v->super().free_inodes_count);
    EXPECT_EQ(s.bfree, vol.v->super().free_blocks_count);
    EXPECT_EQ(s.bavail, s.bfree - vol.v->super().r_blocks_count);
    // An empty file system: everything not free is overhead, except the root and lost+found
    // directories' blocks (1 + 12 at 1 KiB, as mke2fs sizes lost+found) and the resize inode's
    // double-indirect block.
    EXPECT_EQ(s.blocks - s.bfree, 14u);
}

}  // namespace

namespace {

// A hashed-index directory (made by e2fsck -D) is read linearly, and changing it drops the
// index flag, so e2fsck finds the result clean.
TEST(Ext2DirIndex, ReadLinearlyAndUnindexedOnWrite) {
    TempDir t;
    std::string src = t.path + "/src";
    run("mkdir -p '" + src + "/many'");
    for (int i = 0; i < 300; i++) write_file(src + "/many/name-of-entry-" + std::to_string(i), "");
    std::string img = make_image(t, "i.img", "-b 1024", src, 4096);
    ASSERT_FALSE(img.empty());
    ASSERT_LE(run("e2fsck -fyD '" + img + "' >/dev/null 2>&1"), 1);
    Vol vol(img);
    ASSERT_NE(vol.v, nullptr);
    Ext2Volume& v = *vol.v;
    u32 dir = lookup_path(v, "many");
    Ext2InodeDisk d, tmp;
    ASSERT_TRUE(v.read_inode(dir, d).is_ok());
    ASSERT_TRUE(d.flags & kExt2IndexFl);
    EXPECT_EQ(list(v, dir).size(), 302u);
    for (int i = 0; i < 300; i += 37) EXPECT_NE(lookup_path(v, "many/name-of-entry-" + std::to_string(i)), 0u);
    ASSERT_TRUE(ext2_create(v, {dir, &d}, "added", 0100644, 0, 0, 0, tmp, kNow).is_ok());
    EXPECT_FALSE(d.flags & kExt2IndexFl);
    ASSERT_TRUE(v.unmount().is_ok());
    EXPECT_EQ(fsck(img), 0);
}

}  // namespace

namespace {

// A file with an extended-attribute block (set by debugfs): deleting it frees the block too.
TEST(Ext2Xattr, DeleteFreesTheAttributeBlock) {
    TempDir t;
    std::string src = t.path + "/src";
    run("mkdir -p '" + src + "'");
    write_file(src + "/f", "data");
    std::string img = make_image(t, "x.img", "-b 1024 -I 128", src, 2048);
    ASSERT_FALSE(img.empty());
    ASSERT_EQ(run("debugfs -w -R 'ea_set f user.big " + std::string(200, 'v') + "' '" + img + "' >/dev/null 2>&1"), 0);
    Vol vol(img);
    ASSERT_NE(vol.v, nullptr);
    Ext2Volume& v = *vol.v;
    Ext2InodeDisk root, f;
    ASSERT_TRUE(v.read_inode(kExt2RootIno, root).is_ok());
    u32 ino = lookup_path(v, "f");
    ASSERT_TRUE(v.read_inode(ino, f).is_ok());
    ASSERT_NE(f.file_acl, 0u);
    ASSERT_TRUE(ext2_unlink(v, {kExt2RootIno, &root}, "f", {ino, &f}, kNow).is_ok());
    ASSERT_TRUE(v.delete_inode(ino, f).is_ok());
    ASSERT_TRUE(v.unmount().is_ok());
    EXPECT_EQ(fsck(img), 0);
}

}  // namespace
