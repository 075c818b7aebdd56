// SPDX-License-Identifier: MIT
// Host tests for the pure path helpers (fs/vfs/path.h) and getdents64 records (fs/vfs/dirent.h).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "abi/linux/fs_abi.h"
#include "fs/vfs/dev.h"
#include "fs/vfs/dirent.h"
#include "fs/vfs/path.h"

namespace {

struct Comp {
    std::string name;
    bool slash;
    bool operator==(const Comp& o) const { return name == o.name && slash == o.slash; }
};

std::vector<Comp> split(const char* p) {
    std::vector<Comp> out;
    PathCursor c{StringView(p)};
    StringView comp;
    bool slash;
    while (c.next(comp, slash)) out.push_back({std::string(comp.data(), comp.length()), slash});
    return out;
}

std::string s(StringView v) { return std::string(v.data(), v.length()); }

}  // namespace

TEST(Path, SplitsComponents) {
    EXPECT_EQ(split("a/b/c"), (std::vector<Comp>{{"a", true}, {"b", true}, {"c", false}}));
    EXPECT_EQ(split("/usr//bin///sh"), (std::vector<Comp>{{"usr", true}, {"bin", true}, {"sh", false}}));
    EXPECT_EQ(split("dir/"), (std::vector<Comp>{{"dir", true}}));
    EXPECT_EQ(split("dir///"), (std::vector<Comp>{{"dir", true}}));
    EXPECT_EQ(split("./../x"), (std::vector<Comp>{{".", true}, {"..", true}, {"x", false}}));
    EXPECT_TRUE(split("/").empty());
    EXPECT_TRUE(split("////").empty());
    EXPECT_TRUE(split("").empty());
}

TEST(Path, CursorKnowsTheLastComponent) {
    PathCursor c{StringView("a//b//")};
    StringView comp;
    bool slash;
    ASSERT_TRUE(c.next(comp, slash));
    EXPECT_FALSE(c.at_end());
    ASSERT_TRUE(c.next(comp, slash));
    EXPECT_EQ(s(comp), "b");
    EXPECT_TRUE(slash);
    EXPECT_TRUE(c.at_end());   // only slashes were left: "b" was the last component
    EXPECT_FALSE(c.next(comp, slash));
}

TEST(Path, Kinds) {
    EXPECT_EQ(component_kind("."), ComponentKind::Dot);
    EXPECT_EQ(component_kind(".."), ComponentKind::DotDot);
    EXPECT_EQ(component_kind("..."), ComponentKind::Normal);
    EXPECT_EQ(component_kind(".a"), ComponentKind::Normal);
    EXPECT_TRUE(path_is_absolute("/x"));
    EXPECT_FALSE(path_is_absolute("x/"));
    EXPECT_FALSE(path_is_absolute(""));
}

TEST(Path, LengthLimits) {
    EXPECT_EQ(path_check("").error_code(), ENOENT);
    std::string p(4095, 'a');
    EXPECT_TRUE(path_check(StringView(p.data(), p.size())).is_ok());   // 4095 + NUL fits PATH_MAX
    p.push_back('a');
    EXPECT_EQ(path_check(StringView(p.data(), p.size())).error_code(), ENAMETOOLONG);
    std::string n(255, 'n');
    EXPECT_TRUE(component_check(StringView(n.data(), n.size())).is_ok());
    n.push_back('n');
    EXPECT_EQ(component_check(StringView(n.data(), n.size())).error_code(), ENAMETOOLONG);
}

TEST(Path, EntryNames) {
    EXPECT_TRUE(entry_name_check("file").is_ok());
    EXPECT_EQ(entry_name_check("").error_code(), EINVAL);
    EXPECT_EQ(entry_name_check(".").error_code(), EINVAL);
    EXPECT_EQ(entry_name_check("..").error_code(), EINVAL);
    EXPECT_EQ(entry_name_check("a/b").error_code(), EINVAL);
    EXPECT_EQ(entry_name_check(StringView("a\0b", 3)).error_code(), EINVAL);
    std::string n(256, 'n');
    EXPECT_EQ(entry_name_check(StringView(n.data(), n.size())).error_code(), ENAMETOOLONG);
}

TEST(Path, SplitLast) {
    auto t = [](const char* p, const char* dir, const char* last, bool trailing) {
        PathSplit r = path_split_last(p);
        EXPECT_EQ(s(r.dir), dir) << p;
        EXPECT_EQ(s(r.last), last) << p;
        EXPECT_EQ(r.trailing_slash, trailing) << p;
    };
    t("a/b/c", "a/b", "c", false);
    t("/x", "/", "x", false);
    t("//x", "/", "x", false);
    t("x", "", "x", false);
    t("a//b//", "a", "b", true);
    t("/", "/", "", false);
    t("///", "/", "", false);
    t("", "", "", false);
}

TEST(Dirent, RecordLayoutMatchesLinux) {
    EXPECT_EQ(dirent64_reclen(0), 24u);
    EXPECT_EQ(dirent64_reclen(1), 24u);    // 19 + 1 + NUL = 21 -> 24
    EXPECT_EQ(dirent64_reclen(4), 24u);    // 24 exactly
    EXPECT_EQ(dirent64_reclen(5), 32u);
    EXPECT_EQ(dirent64_reclen(255), 280u);
    unsigned char buf[64];
    memset(buf, 0xcc, sizeof(buf));
    usize n = dirent64_pack(buf, 0x1122334455667788ull, 42, mode_to_dtype(S_IFREG), "hello");
    ASSERT_EQ(n, 32u);
    linux_dirent64 d;
    memcpy(&d, buf, offsetof(linux_dirent64, d_name));
    EXPECT_EQ(d.d_ino, 0x1122334455667788ull);
    EXPECT_EQ(d.d_off, 42);
    EXPECT_EQ(d.d_reclen, 32);
    EXPECT_EQ(d.d_type, 8);   // DT_REG
    EXPECT_STREQ(reinterpret_cast<char*>(buf) + 19, "hello");
    for (usize i = 19 + 5; i < 32; i++) EXPECT_EQ(buf[i], 0) << i;   // NUL and padding zeroed
    EXPECT_EQ(buf[32], 0xcc);                                         // nothing past the record
    EXPECT_EQ(mode_to_dtype(S_IFDIR), 4);
    EXPECT_EQ(mode_to_dtype(S_IFLNK), 10);
    EXPECT_EQ(mode_to_dtype(S_IFCHR), 2);
}

namespace {
struct VecSink final : DirSink {
    std::vector<std::pair<std::string, u64>> got;
    usize room;
    explicit VecSink(usize r) : room(r) {}
    bool emit(StringView name, u64, u8, u64 next_pos) override {
        if (!room) return false;
        room--;
        got.push_back({s(name), next_pos});
        return true;
    }
};
}  // namespace

TEST(Dirent, DotsResumeWhereTheyStopped) {
    u64 pos = 0;
    VecSink one(1);
    EXPECT_FALSE(dir_emit_dots(pos, one, 7, 2));
    EXPECT_EQ(pos, 1u);
    VecSink more(5);
    EXPECT_TRUE(dir_emit_dots(pos, more, 7, 2));
    EXPECT_EQ(pos, 2u);
    ASSERT_EQ(more.got.size(), 1u);
    EXPECT_EQ(more.got[0].first, "..");
    EXPECT_EQ(more.got[0].second, 2u);
}

TEST(Dev, EncodingIsLinuxNewEncodeDev) {
    EXPECT_EQ(dev_encode(make_dev(1, 3)), 0x103u);
    EXPECT_EQ(dev_encode(make_dev(4, 64)), 0x440u);        // ttyS0
    EXPECT_EQ(dev_encode(make_dev(136, 300)), 0x10882Cu);   // minor's high bits go above the major
    for (u32 ma : {0u, 1u, 255u, 256u, 4095u})
        for (u32 mi : {0u, 1u, 255u, 256u, 65535u, 1048575u}) {
            DevId d = make_dev(ma, mi);
            EXPECT_EQ(dev_major(d), ma);
            EXPECT_EQ(dev_minor(d), mi);
            EXPECT_EQ(dev_decode(dev_encode(d)), d);
        }
}
