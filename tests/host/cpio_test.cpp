// SPDX-License-Identifier: MIT
// Host tests for the cpio newc reader: field decoding, 070702 checksums, concatenated archives,
// and robustness: every truncation and random corruption of a valid archive must end in a clean
// error (ASan watches for out-of-bounds reads: each input sits in an exactly-sized heap buffer).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "fs/initramfs/cpio.h"

namespace {

struct Ent {
    std::string name;
    u32 mode;
    std::string data;
    u32 ino = 0, uid = 0, gid = 0, nlink = 1, mtime = 0;
    u32 rmaj = 0, rmin = 0;
};

void pad4(std::string& s) {
    while (s.size() % 4) s.push_back('\0');
}

std::string header(const Ent& e, bool crc, u32 check) {
    char buf[111];
    snprintf(buf, sizeof(buf), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", crc ? "070702" : "070701",
             e.ino, e.mode, e.uid, e.gid, e.nlink, e.mtime, static_cast<u32>(e.data.size()), 0u, 0u, e.rmaj,
             e.rmin, static_cast<u32>(e.name.size() + 1), check);
    return std::string(buf, 110);
}

std::string build(const std::vector<Ent>& ents, bool crc = false, bool trailer = true) {
    std::string out;
    std::vector<Ent> all = ents;
    if (trailer) all.push_back(Ent{"TRAILER!!!", 0, ""});
    for (const Ent& e : all) {
        u32 sum = 0;
        for (unsigned char c : e.data) sum += c;
        out += header(e, crc, crc ? sum : 0);
        out += e.name;
        out.push_back('\0');
        pad4(out);
        out += e.data;
        pad4(out);
    }
    return out;
}

struct Parsed {
    std::vector<std::string> names;
    std::vector<std::string> datas;
    int error = 0;
    std::string message;
    size_t error_offset = 0;
    bool junk = false;
    unsigned archives = 0;
};

// Parses from an exactly-sized heap copy so any overread is caught by ASan.
Parsed parse(const std::string& archive) {
    std::vector<u8> heap(archive.begin(), archive.end());
    const u8* data = heap.empty() ? nullptr : heap.data();
    CpioReader r(data, heap.size());
    Parsed p;
    CpioEntry e;
    for (int guard = 0; guard < 100000; guard++) {
        auto res = r.next(e);
        if (res.is_error()) {
            p.error = res.error_code();
            p.message = r.error();
            p.error_offset = r.error_offset();
            break;
        }
        if (!res.value()) break;
        p.names.emplace_back(e.name.data(), e.name.length());
        p.datas.emplace_back(reinterpret_cast<const char*>(e.data), e.data_size);
    }
    p.junk = r.trailing_junk();
    p.archives = r.archives();
    return p;
}

const std::vector<Ent> kSample = {
    {".", 040755, "", 1},
    {"bin", 040755, "", 2, 0, 0, 2, 1700000000},
    {"bin/busybox", 0100755, std::string("\x7f" "ELF binary contents\n", 21), 3, 0, 0, 1},
    {"bin/sh", 0120777, "busybox", 4},
    {"dev", 040755, "", 5},
    {"dev/console", 020600, "", 6, 0, 5, 1, 0, 5, 1},
    {"etc/motd", 0100644, "hello\n", 7, 1000, 1000},
    {"empty", 0100600, "", 8},
};

}  // namespace

TEST(Cpio, ReadsEveryField) {
    std::string a = build(kSample);
    std::vector<u8> heap(a.begin(), a.end());
    CpioReader r(heap.data(), heap.size());
    CpioEntry e;
    std::vector<CpioEntry> got;
    for (;;) {
        auto res = r.next(e);
        ASSERT_TRUE(res.is_ok()) << r.error();
        if (!res.value()) break;
        got.push_back(e);
    }
    ASSERT_EQ(got.size(), kSample.size());
    EXPECT_EQ(std::string(got[1].name.data(), got[1].name.length()), "bin");
    EXPECT_EQ(got[1].mode, 040755u);
    EXPECT_EQ(got[1].nlink, 2u);
    EXPECT_EQ(got[1].mtime, 1700000000u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(got[2].data), got[2].data_size), kSample[2].data);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(got[3].data), got[3].data_size), "busybox");
    EXPECT_EQ(got[5].rdev_major, 5u);
    EXPECT_EQ(got[5].rdev_minor, 1u);
    EXPECT_EQ(got[6].uid, 1000u);
    EXPECT_EQ(got[6].gid, 1000u);
    EXPECT_EQ(got[7].data_size, 0u);
    EXPECT_EQ(got[0].offset, 0u);
    EXPECT_EQ(got[1].offset % 4, 0u);
    EXPECT_EQ(r.archives(), 1u);
    EXPECT_FALSE(r.trailing_junk());
    // At the end the reader keeps saying "end".
    EXPECT_FALSE(r.next(e).value());
}

TEST(Cpio, ChecksummedFormat) {
    std::string a = build(kSample, true);
    Parsed p = parse(a);
    EXPECT_EQ(p.error, 0) << p.message;
    EXPECT_EQ(p.names.size(), kSample.size());
    // Corrupt one data byte of bin/busybox: the checksum catches it at that entry's header.
    size_t at = a.find("ELF binary");
    ASSERT_NE(at, std::string::npos);
    a[at] ^= 1;
    p = parse(a);
    EXPECT_EQ(p.error, EINVAL);
    EXPECT_NE(p.message.find("checksum"), std::string::npos);
    EXPECT_EQ(p.names.size(), 2u);   // ".", "bin" came before it
    EXPECT_EQ(p.error_offset, a.rfind("070702", at));   // the header of the corrupted entry
}

TEST(Cpio, BadHexReportsFieldAndOffset) {
    std::string a = build(kSample);
    size_t second = a.find("070701", 1);
    ASSERT_NE(second, std::string::npos);
    a[second + 6 + 8 + 3] = 'g';   // inside c_mode
    Parsed p = parse(a);
    EXPECT_EQ(p.error, EINVAL);
    EXPECT_NE(p.message.find("c_mode"), std::string::npos) << p.message;
    EXPECT_EQ(p.error_offset, second);
    EXPECT_EQ(p.names.size(), 1u);
}

TEST(Cpio, StructuralErrors) {
    EXPECT_NE(parse("").message.find("empty"), std::string::npos);
    EXPECT_NE(parse("not a cpio archive at all, just text........................................").message.find(
                  "magic"),
              std::string::npos);
    EXPECT_NE(parse(build(kSample, false, false)).message.find("TRAILER"), std::string::npos);
    // Zero name size.
    std::string a = build({{"x", 0100644, "abc"}});
    a.replace(6 + 11 * 8, 8, "00000000");
    EXPECT_NE(parse(a).message.find("zero name"), std::string::npos);
    // A name size running past the end.
    a = build({{"x", 0100644, "abc"}});
    a.replace(6 + 11 * 8, 8, "7FFFFFFF");
    EXPECT_NE(parse(a).message.find("name"), std::string::npos);
    // File size past the end.
    a = build({{"x", 0100644, "abc"}});
    a.replace(6 + 6 * 8, 8, "FFFFFFFF");
    EXPECT_NE(parse(a).message.find("file data"), std::string::npos);
    // The name's NUL replaced.
    a = build({{"xy", 0100644, "abc"}});
    a[110 + 2] = 'z';
    EXPECT_NE(parse(a).message.find("NUL"), std::string::npos);
}

TEST(Cpio, ConcatenatedArchivesAndPadding) {
    std::string a = build({{"a", 0100644, "1"}});
    std::string b = build({{"b", 0100644, "22"}});
    std::string both = a + std::string(512, '\0') + b + std::string(100, '\0');
    Parsed p = parse(both);
    EXPECT_EQ(p.error, 0) << p.message;
    EXPECT_EQ(p.names, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(p.archives, 2u);
    EXPECT_FALSE(p.junk);
    // Junk after the last trailer is reported, not an error.
    p = parse(a + "garbage!");
    EXPECT_EQ(p.error, 0);
    EXPECT_TRUE(p.junk);
    // A following archive must start 4-aligned.
    p = parse(a + std::string(3, '\0') + b);
    EXPECT_EQ(p.error, EINVAL);
    EXPECT_NE(p.message.find("padding"), std::string::npos);
}

TEST(Cpio, EveryTruncationFailsCleanly) {
    std::string a = build(kSample, true);
    for (size_t len = 0; len < a.size(); len++) {
        Parsed p = parse(a.substr(0, len));
        // Either an error within the data, or (only when what is cut is the trailer's padding)
        // a complete parse.
        if (p.error) {
            EXPECT_EQ(p.error, EINVAL);
            EXPECT_LE(p.error_offset, len) << len;
            EXPECT_FALSE(p.message.empty());
        } else {
            EXPECT_GE(len, a.size() - 3) << "accepted a truncated archive at " << len;
        }
    }
}

TEST(Cpio, RandomCorruptionNeverReadsOutOfBounds) {
    std::string base = build(kSample);
    std::mt19937 rng(99);
    for (int iter = 0; iter < 20000; iter++) {
        std::string a = base;
        int flips = 1 + rng() % 4;
        for (int i = 0; i < flips; i++) {
            size_t at = rng() % a.size();
            switch (rng() % 3) {
            case 0: a[at] = static_cast<char>(rng()); break;
            case 1: a[at] = "0123456789ABCDEF"[rng() % 16]; break;   // plausible hex: sizes change
            default: a.resize(at); break;
            }
            if (a.empty()) break;
        }
        Parsed p = parse(a);
        if (p.error) {
            EXPECT_LE(p.error_offset, a.size());
        }
    }
}

TEST(Cpio, ReadsWhatGnuCpioWrites) {
    if (system("command -v cpio >/dev/null 2>&1") != 0) GTEST_SKIP() << "no cpio on this host";
    char dir[] = "/tmp/aramid-cpio-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    std::string d = dir;
    std::string cmd = "cd " + d + " && mkdir -p sub && printf 'data\\n' > sub/f && ln sub/f sub/g && ln -s f sub/l && " +
                      "find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../" + d.substr(5) + ".cpio";
    ASSERT_EQ(system(cmd.c_str()), 0);
    std::string path = d + ".cpio";
    FILE* f = fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr);
    std::string a;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) a.append(buf, n);
    fclose(f);
    Parsed p = parse(a);
    EXPECT_EQ(p.error, 0) << p.message;
    EXPECT_EQ(p.names, (std::vector<std::string>{".", "sub", "sub/f", "sub/g", "sub/l"}));
    // GNU cpio puts a hard-linked file's data on the last link only.
    EXPECT_EQ(p.datas[2], "");
    EXPECT_EQ(p.datas[3], "data\n");
    EXPECT_EQ(p.datas[4], "f");
    system(("rm -rf " + d + " " + path).c_str());
}
